using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Identity;

/// <summary>One report's count for a figure, as its source gave it: the value with its qualifier, the report (or data set release) it came in, when, and the source's grade.</summary>
public sealed record SourcedCount(
    Guid ReportId,
    Guid FactId,
    Guid SourceId,
    string Source,
    SourceKind SourceKind,
    Reliability Grade,
    string Report,
    string? Url,
    DateTimeOffset PublishedAt,
    ReportedCount Value,
    CountKind Qualifier,
    int Low,
    int? High,
    string? Quote);

/// <summary>
/// One casualty figure side by side: each report's count beside the reconciled low, best and high.
/// <see cref="Agree"/> says whether the reports' intervals share a point, whatever an adjudication
/// made of them; <see cref="Status"/> is the reconciled figure's.
/// </summary>
public sealed record FigureComparison(
    CasualtyCategory Category,
    int Low,
    int Best,
    int? High,
    FigureStatus Status,
    bool Agree,
    int Sources,
    IReadOnlyList<SourcedCount> Reports,
    string? Rationale);

/// <summary>Every casualty figure of an incident at a point, as each source reports it; <see cref="Disagree"/> when the reports of any figure share no point.</summary>
public sealed record FigureComparisonView(Guid IncidentId, bool Disagree, IReadOnlyList<FigureComparison> Figures, long Version, ViewPoint? Point);

public static class FigureComparisons
{
    private static readonly CasualtyCategory[] Categories =
        [CasualtyCategory.Killed, CasualtyCategory.Wounded, CasualtyCategory.PerpetratorsKilled, CasualtyCategory.PerpetratorsWounded, CasualtyCategory.Hostages];

    /// <summary>
    /// The comparison at <paramref name="point"/>, from the same fold as the incident view, so each
    /// figure lists exactly the reports its reconciliation used (one per report, retractions left out).
    /// </summary>
    public static FigureComparisonView Of(Guid id, IncidentState state, ViewPoint point)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(point);
        var view = IncidentViewBuilder.Build(id, state, point);
        var reports = state.Reports.GroupBy(r => r.ReportId).ToDictionary(g => g.Key, g => g.Last());
        var figures = Categories
            .Select(category => (Category: category, Figure: view.Casualties.Figure(category)))
            .Where(f => f.Figure is not null)
            .Select(f => Compare(f.Category, f.Figure!, reports))
            .ToList();
        return new FigureComparisonView(id, figures.Exists(f => !f.Agree), figures, view.Version, point.IsCurrent ? null : point);
    }

    /// <summary>Whether the counts' intervals share a point (docs/reconciliation.md): the largest lower bound is no more than the smallest finite upper bound.</summary>
    public static bool Agree(IEnumerable<ReportedCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var list = counts.ToList();
        var highs = list.Select(c => c.High).OfType<int>().ToList();
        return list.Count == 0 || highs.Count == 0 || list.Max(c => c.Low) <= highs.Min();
    }

    private static FigureComparison Compare(CasualtyCategory category, CasualtyFigure figure, Dictionary<Guid, ReportEntry> reports)
    {
        var counts = figure.Reports.Select(r =>
        {
            var entry = reports.GetValueOrDefault(r.ReportId);
            return new SourcedCount(
                r.ReportId, r.FactId, r.SourceId, r.Source, entry?.Source.Kind ?? SourceKind.Other, r.Reliability,
                entry?.Title ?? string.Empty, entry?.Url, r.PublishedAt, r.Value, r.Value.Kind, r.Value.Low, r.Value.High, r.Quote);
        }).ToList();
        return new FigureComparison(
            category, figure.Low, figure.Best, figure.High, figure.Status, Agree(figure.Reports.Select(r => r.Value)),
            counts.Select(c => c.SourceId).Distinct().Count(), counts, figure.Rationale);
    }
}
