using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Web;

/// <summary>One report's say on a value: its source once, with every quote it gave for it.</summary>
public sealed record Said(string Source, Reliability Reliability, DateTimeOffset PublishedAt, IReadOnlyList<string> Quotes);

/// <summary>
/// The attributions of a value as the page lists them: one per report, in order of publication.
/// A report that states a value in two facts (a name given twice) is one source that said it, with
/// both quotes, not the same source twice in a row.
/// </summary>
public static class Sayings
{
    public static IReadOnlyList<Said> ByReport(IEnumerable<Attribution> attributions)
    {
        ArgumentNullException.ThrowIfNull(attributions);
        return [.. attributions
            .GroupBy(a => a.ReportId)
            .Select(g => new Said(
                g.First().Source,
                g.First().Reliability,
                g.First().PublishedAt,
                [.. g.Select(a => a.Quote).OfType<string>().Distinct(StringComparer.Ordinal)]))
            .OrderBy(s => s.PublishedAt)];
    }
}
