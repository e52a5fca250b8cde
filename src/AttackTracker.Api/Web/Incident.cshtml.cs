using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Audit;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>A report date on the publication axis, for the as-of control.</summary>
public sealed record ReportDate(string Day, string Sources);

/// <summary>
/// One incident as a person reads it (/incidents/{id}): the view at the point the address carries
/// (asOf on the publication axis, recordedAsOf on the recording axis), the toll chart, the
/// history, and a diff between two versions. Every value comes from the same fold as the API.
/// </summary>
public sealed class IncidentModel(IQuerySession session, IncidentReader reader, IncidentTimeMachine machine, HistoryCache histories) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordedAsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FromVersion { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ToVersion { get; set; }

    public IncidentView View { get; private set; } = null!;

    /// <summary>Each figure as each source reports it, at the same point as <see cref="View"/> (docs/identity.md).</summary>
    public FigureComparisonView Comparison { get; private set; } = null!;

    public ViewPoint Point { get; private set; } = ViewPoint.Current;

    public IReadOnlyList<ReportDate> ReportDates { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<FieldChange>? Diff { get; private set; }

    public (long From, long To) DiffVersions { get; private set; }

    public string Chart { get; private set; } = string.Empty;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public long Head { get; private set; }

    /// <summary>The facts counted at this point that cite a passage of a stored document, in stream order.</summary>
    public IReadOnlyList<CitedFact> Cited { get; private set; } = [];

    /// <summary>The address of the passage a fact cites, highlighted in its document; null when it cites none.</summary>
    public string? PassageLink(Guid factId) => Cited.FirstOrDefault(c => c.FactId == factId)?.Link;

    private ILookup<Guid, int?> _credibilities = Array.Empty<int?>().ToLookup(_ => Guid.Empty);

    /// <summary>The credibility grades of a source's reports counted at this point, in stream order (null: not graded).</summary>
    public IEnumerable<int?> Credibilities(Guid sourceId) => _credibilities[sourceId];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VersionAsync(session, id, cancellationToken) is not { } head)
        {
            return NotFound();
        }

        Head = head;
        var errors = new ValidationErrors();
        var asOf = TimePoints.Instant("asOf", Empty(AsOf), errors);
        var recordedAsOf = TimePoints.Instant("recordedAsOf", Empty(RecordedAsOf), errors);
        var problems = errors.ToDictionary().Select(e => $"The point {e.Key} was not understood ({string.Join(' ', e.Value)}); showing the current record.").ToList();
        Point = problems.Count == 0 ? new ViewPoint(asOf, recordedAsOf, null) : ViewPoint.Current;

        var current = await IncidentReader.StateAtAsync(session, id, head, cancellationToken);
        var state = Point.RecordedAsOf is null
            ? current
            : (await machine.StateAsync(session, id, null, Point.RecordedAsOf, cancellationToken) as PastState.Found)?.State ?? IncidentState.Initial;
        View = IncidentViewBuilder.Build(id, state, Point.IsCurrent ? ViewPoint.Current : Point);
        Comparison = FigureComparisons.Of(id, state, Point.IsCurrent ? ViewPoint.Current : Point);
        Cited = CitedFact.Of(state, Point.AsOf);
        _credibilities = state.Reports.Where(r => Point.AsOf is not { } a || r.PublishedAt <= a).ToLookup(r => r.Source.Id, r => r.Credibility);
        ReportDates = [.. current.Reports
            .GroupBy(r => Figures.IsoDay(r.PublishedAt))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportDate(g.Key, string.Join(", ", g.Select(r => r.Source.Name).Distinct())))];
        Chart = TollChart.Svg(
            FigureSeries.Build(id, current, CasualtyCategory.Killed),
            FigureSeries.Build(id, current, CasualtyCategory.Wounded),
            Point.AsOf);

        History = await histories.GetAsync(id, head, cancellationToken);
        if (Empty(FromVersion) is not null || Empty(ToVersion) is not null)
        {
            var events = await session.Events.FetchStreamAsync(id, version: head, token: cancellationToken);
            var from = Version(FromVersion, 0, head, "from", problems);
            var to = Version(ToVersion, head, head, "to", problems);
            if (from <= to)
            {
                var before = IncidentViewBuilder.Build(id, events.Where(e => e.Version <= from).Fold(), ViewPoint.Current);
                var after = IncidentViewBuilder.Build(id, events.Where(e => e.Version <= to).Fold(), ViewPoint.Current);
                Diff = ViewDiff.Between(from == 0 ? null : before, after);
                DiffVersions = (from, to);
            }
            else
            {
                problems.Add($"The diff's first version ({from}) is after its second ({to}).");
            }
        }

        Problems = problems;
        return Page();
    }

    /// <summary>Where the page stands, in words.</summary>
    public string PointText() => (Point.AsOf, Point.RecordedAsOf) switch
    {
        (null, null) => "The current record: every report, as recorded now.",
        ({ } a, null) => $"As published by {Published(a)}, as the record stands now.",
        (null, { } r) => $"As the record stood at {Figures.Moment(r)}.",
        ({ } a, { } r) => $"As published by {Published(a)}, as the record stood at {Figures.Moment(r)}.",
    };

    /// <summary>The publication date for the date field (the day of the point).</summary>
    public string? AsOfDay => Point.AsOf is { } a ? Figures.IsoDay(a) : null;

    public string? RecordedAsOfText => Point.RecordedAsOf?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>This point's address, at the precision it was asked for: a bare date means the end of that day.</summary>
    public string Permalink()
    {
        var parameters = new List<string>();
        if (Point.AsOf is { } a)
        {
            parameters.Add("asOf=" + Uri.EscapeDataString(IsEndOfDay(a) ? Figures.IsoDay(a) : Exact(a)));
        }

        if (Point.RecordedAsOf is { } r)
        {
            parameters.Add("recordedAsOf=" + Uri.EscapeDataString(Exact(r)));
        }

        return $"/incidents/{View.Id}" + (parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters));
    }

    private static bool IsEndOfDay(DateTimeOffset time) => time.UtcDateTime.TimeOfDay.Ticks == TimeSpan.TicksPerDay - 1;

    private static string Exact(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    private static string Published(DateTimeOffset time) => IsEndOfDay(time) ? $"the end of {Figures.Day(time)} (UTC)" : Figures.Moment(time);

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static long Version(string? text, long fallback, long head, string side, List<string> problems)
    {
        if (Empty(text) is null)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version <= head)
        {
            return version;
        }

        problems.Add($"The diff's {side} version must be a whole number from 0 to {head}.");
        return fallback;
    }
}
