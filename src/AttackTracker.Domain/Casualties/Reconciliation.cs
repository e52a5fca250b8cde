using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Casualties;

/// <summary>Reconciles one casualty category's reports into a single figure (see docs/reconciliation.md).</summary>
public static class Reconciliation
{
    /// <summary>
    /// The figure the reports support, or null when there is neither a report nor an adjudication:
    /// an absent figure is unknown, not zero. Retracted facts must already be filtered out.
    /// </summary>
    /// <param name="reports">The category's reports in stream order, so a later fact of a report corrects an earlier one.</param>
    /// <param name="adjudication">An analyst's ruling, which holds until a report is published after it.</param>
    public static CasualtyFigure? Reconcile(IReadOnlyList<CountReport> reports, Adjudication? adjudication = null)
    {
        ArgumentNullException.ThrowIfNull(reports);

        var current = OnePerReport(reports);
        if (current.Count == 0)
        {
            return adjudication is null
                ? null
                : new CasualtyFigure(adjudication.Value, adjudication.Value, adjudication.Value, FigureStatus.Adjudicated, current, adjudication.Rationale);
        }

        var figure = Agreed(current) ?? Disputed(current);
        return adjudication is not null && current.All(r => r.PublishedAt <= adjudication.At)
            ? Adjudicated(figure, adjudication)
            : figure;
    }

    private static List<CountReport> OnePerReport(IReadOnlyList<CountReport> reports)
    {
        var latest = new Dictionary<Guid, (int Position, CountReport Report)>();
        for (var position = 0; position < reports.Count; position++)
        {
            latest[reports[position].ReportId] = (position, reports[position]);
        }

        return [.. latest.Values
            .OrderBy(entry => entry.Report.PublishedAt)
            .ThenBy(entry => entry.Position)
            .Select(entry => entry.Report)];
    }

    private static CasualtyFigure? Agreed(List<CountReport> reports)
    {
        var low = reports.Max(r => r.Value.Low);
        var highs = reports.Select(r => r.Value.High).OfType<int>().ToList();
        int? high = highs.Count == 0 ? null : highs.Min();
        if (high is not null && low > high)
        {
            return null;
        }

        var status = reports.Count == 1 ? FigureStatus.SingleSource : FigureStatus.Agreed;
        return new CasualtyFigure(low, low, high, status, reports);
    }

    private static CasualtyFigure Disputed(List<CountReport> reports)
    {
        var low = reports.Min(r => r.Value.Low);
        var high = reports.Max(r => r.Value.High ?? r.Value.Low);
        return new CasualtyFigure(low, GtdBest(reports), high, FigureStatus.Disputed, reports);
    }

    // The Global Terrorism Database codebook's rule for conflicting figures: trust the most
    // recent reliable report, and fall back to the majority only when that is itself split.
    private static int GtdBest(List<CountReport> reports)
    {
        var graded = reports.Where(r => r.Reliability <= Reliability.C).ToList();
        var preferred = graded.Count > 0 ? graded : reports;
        var newest = preferred.Max(r => r.PublishedAt);
        var newestFigures = preferred
            .Where(r => r.PublishedAt == newest)
            .Select(r => r.Value.Figure)
            .Distinct()
            .ToList();
        if (newestFigures.Count == 1)
        {
            return newestFigures[0];
        }

        return reports
            .GroupBy(r => r.Value.Figure)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key)
            .First()
            .Key;
    }

    // An unbounded high already contains the ruling, and a ruling alone is no evidence of a ceiling.
    private static CasualtyFigure Adjudicated(CasualtyFigure figure, Adjudication adjudication) =>
        figure with
        {
            Low = Math.Min(figure.Low, adjudication.Value),
            Best = adjudication.Value,
            High = figure.High is { } high ? Math.Max(high, adjudication.Value) : null,
            Status = FigureStatus.Adjudicated,
            Rationale = adjudication.Rationale,
        };
}
