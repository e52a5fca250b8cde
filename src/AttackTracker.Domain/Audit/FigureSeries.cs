using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Audit;

/// <summary>A category's reconciled figure as it stood once a report (or a ruling) had appeared.</summary>
public sealed record FigurePoint(DateTimeOffset PublishedAt, IReadOnlyList<Guid> ReportIds, int Low, int Best, int? High, FigureStatus Status);

public static class FigureSeries
{
    /// <summary>
    /// One point per publication time at which the figure could change: each report that gave this
    /// category (as the record now stands, retractions included) and each ruling, in publication order.
    /// </summary>
    public static IReadOnlyList<FigurePoint> Build(Guid incidentId, IncidentState state, CasualtyCategory category)
    {
        ArgumentNullException.ThrowIfNull(state);
        var reports = state.Reports.ToDictionary(r => r.ReportId);
        var reportTimes = state.Facts
            .Where(f => f.Fact is CasualtiesFact c && c.Count(category) is not null && reports.ContainsKey(f.ReportId))
            .Select(f => (At: reports[f.ReportId].PublishedAt, Report: (Guid?)f.ReportId));
        var rulingTimes = state.Adjudications.Where(a => a.Category == category).Select(a => (At: a.RecordedAt, Report: (Guid?)null));
        var points = new List<FigurePoint>();
        foreach (var moment in reportTimes.Concat(rulingTimes).GroupBy(t => t.At).OrderBy(g => g.Key))
        {
            var figure = IncidentViewBuilder.Build(incidentId, state, new ViewPoint(moment.Key, null, null)).Casualties.Figure(category);
            if (figure is not null)
            {
                points.Add(new FigurePoint(
                    moment.Key, [.. moment.Select(m => m.Report).OfType<Guid>().Distinct()], figure.Low, figure.Best, figure.High, figure.Status));
            }
        }

        return points;
    }
}
