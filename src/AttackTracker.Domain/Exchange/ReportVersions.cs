using System.Globalization;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Rows a data set versions (ACLED's timestamp): each version of a row is a report published at
/// its version's time, titled by the row's key and version, so the same version imported again is
/// the same report. A newer version supersedes the older: the older's facts are withdrawn by the
/// source as of the newer's time; a row the data set deleted is withdrawn as of the release that
/// no longer has it (docs/datasets.md).
/// </summary>
public static class ReportVersions
{
    private const string VersionMark = ", version of ";
    private const string EventMark = " event ";

    /// <summary>The report title of one version of a row.</summary>
    public static string Title(string dataset, string key, DateTimeOffset version) =>
        $"{dataset}{EventMark}{key}{VersionMark}{Stamp(version)}";

    /// <summary>A version as the record writes it: UTC to the second.</summary>
    public static string Stamp(DateTimeOffset version) => version.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The row's key, when the title is one of <see cref="Title"/>'s.</summary>
    public static string? Key(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var version = title.LastIndexOf(VersionMark, StringComparison.Ordinal);
        // The last " event " before the version: a data set's name may hold the word, its keys do not.
        var start = version > 0 ? title.LastIndexOf(EventMark, version, StringComparison.Ordinal) : -1;
        return version > 0 && start >= 0 && start + EventMark.Length < version
            && DateTimeOffset.TryParseExact(title[(version + VersionMark.Length)..], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? title[(start + EventMark.Length)..version]
            : null;
    }

    /// <summary>
    /// The withdrawals that bring the incident's versions of <paramref name="key"/> from
    /// <paramref name="source"/> up to date: every version but the newest has its facts that still
    /// count withdrawn by the source as of the next newer version. Versions imported out of order
    /// (an old export after a new one) end the same as in order.
    /// </summary>
    public static IReadOnlyList<RetractionRequest> Superseded(IncidentState state, string source, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        var versions = Versions(state, source).Where(v => v.Key == key).OrderBy(v => v.Report.PublishedAt).ToList();
        var withdrawals = new List<RetractionRequest>();
        for (var i = 0; i < versions.Count - 1; i++)
        {
            var (report, next) = (versions[i].Report, versions[i + 1].Report);
            if (next.PublishedAt > report.PublishedAt && Counting(state, report) is { Count: > 0 } facts)
            {
                withdrawals.Add(new RetractionRequest(
                    facts,
                    null,
                    RetractionKind.WithdrawnBySource,
                    $"{report.Source.Name} replaced event {key}'s version of {Stamp(report.PublishedAt)} with that of {Stamp(next.PublishedAt)}.",
                    Stamp(next.PublishedAt)));
            }
        }

        return withdrawals;
    }

    /// <summary>
    /// The withdrawals for rows the data set no longer has: every version from <paramref name="source"/>
    /// whose facts still count, withdrawn as of the release that lacks them (or, for a version
    /// published that day or later, a second after it).
    /// </summary>
    public static IReadOnlyList<RetractionRequest> Missing(IncidentState state, string source, DateTimeOffset releasedAt, string reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. Versions(state, source)
            .Select(v => (v.Report, Facts: Counting(state, v.Report)))
            .Where(v => v.Facts.Count > 0)
            .Select(v => new RetractionRequest(
                v.Facts, null, RetractionKind.WithdrawnBySource, reason,
                Stamp(releasedAt > v.Report.PublishedAt ? releasedAt : v.Report.PublishedAt.AddSeconds(1))))];
    }

    private static IEnumerable<(ReportEntry Report, string Key)> Versions(IncidentState state, string source)
    {
        var name = SourceNames.Normalize(source);
        foreach (var report in state.Reports)
        {
            if (SourceNames.Normalize(report.Source.Name) == name && Key(report.Title) is { } key)
            {
                yield return (report, key);
            }
        }
    }

    private static List<Guid> Counting(IncidentState state, ReportEntry report) =>
        [.. report.FactIds.Where(id => !state.Retractions.ContainsKey(id))];
}
