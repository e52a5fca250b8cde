using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Incidents;

/// <summary>
/// Derives the view from the folded state. The view depends on the set of assertions that count
/// at the point asked for, not on the order they were recorded in, so the publication axis is a
/// filter here while the recording and version axes are how far the stream was folded.
/// </summary>
public static class IncidentViewBuilder
{
    private const string Unidentified = "unidentified";

    public static IncidentView Build(Guid incidentId, IncidentState state, ViewPoint point)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(point);
        var asOf = point.AsOf;
        var (reports, facts) = Counted(state, asOf, _ => true);

        var opened = state.Opened;
        return new IncidentView(
            incidentId,
            opened?.Title,
            opened?.OccurredOn,
            opened?.Country,
            opened?.Place,
            opened?.Summary,
            BuildCasualties(state, facts, asOf),
            BuildPerpetrators(facts),
            ClaimMerging.Merge(Attest(Of<ClaimFact>(facts).Select(a => (a.Assertion, new ClaimValue(a.Fact.Claimant, a.Fact.Channel, a.Fact.ClaimedAt, a.Fact.Mode))),
                c => $"{SourceNames.Normalize(c.Claimant)}|{Norm(c.Channel)}|{c.ClaimedAt}|{c.Mode}")),
            Attest(Of<AttackTypeFact>(facts).SelectMany(a => a.Fact.AttackTypes.Distinct().Select(t => (a.Assertion, t))), t => t.ToString()),
            Attest(Of<WeaponFact>(facts).Select(a => (a.Assertion, new WeaponValue(a.Fact.WeaponType, a.Fact.Detail))), w => $"{w.WeaponType}|{Norm(w.Detail)}"),
            Attest(Of<TargetFact>(facts).Select(a => (a.Assertion, new TargetValue(a.Fact.TargetType, a.Fact.Detail))), t => $"{t.TargetType}|{Norm(t.Detail)}"),
            Attest(Of<LocationFact>(facts).Select(a => (a.Assertion, new LocationValue(a.Fact.Role, a.Fact.Place, a.Fact.City, a.Fact.Region, a.Fact.Country, a.Fact.Lat, a.Fact.Lon, a.Fact.Precision))),
                l => $"{Norm(l.Role)}|{Norm(l.Place)}|{Norm(l.City)}|{Norm(l.Region)}|{l.Country}|{l.Lat}|{l.Lon}|{l.Precision}"),
            BuildPeople(facts),
            Attest(Of<DemandFact>(facts).Select(a => (a.Assertion, a.Fact.Text)), Norm),
            Attest(Of<NoteFact>(facts).Select(a => (a.Assertion, a.Fact.Text)), Norm),
            BuildTimeline(facts),
            reports.Values
                .GroupBy(r => r.Source.Id)
                .Select(g =>
                {
                    var latest = g.MaxBy(r => r.Version)!.Source;
                    return new SourceSummary(latest.Id, latest.Name, latest.Kind, latest.Reliability, g.Count());
                })
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .ToList(),
            reports.Count,
            state.Version,
            state.LastRecordedAt,
            point.IsCurrent ? null : point,
            state.MergedInto?.OtherId,
            state.Absorbed.IsEmpty ? null : [.. state.Absorbed.Select(a => a.OtherId)]);
    }

    /// <summary>
    /// The current killed and wounded figures and the report count, as <see cref="Build"/> gives them,
    /// without building the rest of the view: what a listing of incidents needs on every append.
    /// </summary>
    public static IncidentSummary Summarize(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (reports, facts) = Counted(state, null, f => f.Fact is CasualtiesFact);
        return new IncidentSummary(
            BuildFigure(state, facts, null, CasualtyCategory.Killed),
            BuildFigure(state, facts, null, CasualtyCategory.Wounded),
            reports.Count);
    }

    /// <summary>
    /// The current casualty figures alone, as <see cref="Build"/> gives them: what the
    /// notifications of a commit compare before and after it.
    /// </summary>
    public static CasualtiesView CurrentCasualties(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (_, facts) = Counted(state, null, f => f.Fact is CasualtiesFact);
        return BuildCasualties(state, facts, null);
    }

    private static (Dictionary<Guid, ReportEntry> Reports, List<Assertion> Facts) Counted(
        IncidentState state, DateTimeOffset? asOf, Func<FactEntry, bool> wanted)
    {
        var reports = state.Reports.Where(r => asOf is null || r.PublishedAt <= asOf).ToDictionary(r => r.ReportId);
        var facts = state.Facts
            .Where(f => wanted(f) && reports.ContainsKey(f.ReportId) && Counts(state, f.FactId, asOf))
            .Select(f => new Assertion(f, reports[f.ReportId]))
            .ToList();
        return (reports, facts);
    }

    /// <summary>Whether a fact counts at <paramref name="asOf"/> on the publication axis, given the retractions folded so far.</summary>
    public static bool Counts(IncidentState state, Guid factId, DateTimeOffset? asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Retractions.TryGetValue(factId, out var retraction))
        {
            return true;
        }

        return retraction.Kind == RetractionKind.WithdrawnBySource
            && asOf is { } at && retraction.PublishedAt is { } withdrawn && at < withdrawn;
    }

    private static CasualtiesView BuildCasualties(IncidentState state, List<Assertion> facts, DateTimeOffset? asOf) =>
        new(
            BuildFigure(state, facts, asOf, CasualtyCategory.Killed),
            BuildFigure(state, facts, asOf, CasualtyCategory.Wounded),
            BuildFigure(state, facts, asOf, CasualtyCategory.PerpetratorsKilled),
            BuildFigure(state, facts, asOf, CasualtyCategory.PerpetratorsWounded),
            BuildFigure(state, facts, asOf, CasualtyCategory.Hostages));

    private static CasualtyFigure? BuildFigure(IncidentState state, List<Assertion> facts, DateTimeOffset? asOf, CasualtyCategory category)
    {
        var counts = Of<CasualtiesFact>(facts)
            .Where(c => c.Fact.Count(category) is not null)
            .Select(c => new CountReport(
                c.Assertion.Report.ReportId, c.Assertion.Entry.FactId, c.Assertion.Report.Source.Id, c.Assertion.Report.Source.Name,
                c.Assertion.Report.Source.Reliability, c.Assertion.Report.PublishedAt, c.Fact.Count(category)!, c.Fact.Quote))
            .ToList();
        var ruling = state.Adjudications.LastOrDefault(a => a.Category == category && (asOf is null || a.RecordedAt <= asOf));
        return Reconciliation.Reconcile(
            counts, ruling is null ? null : new Adjudication(ruling.Value, ruling.Rationale, ruling.RecordedBy, ruling.RecordedAt));
    }

    private static List<PerpetratorProfile> BuildPerpetrators(List<Assertion> facts) =>
        [.. Of<PerpetratorFact>(facts)
            .GroupBy(p => Key(p.Fact.Key, p.Fact.Name, Unidentified))
            .Select(group =>
            {
                var items = group.ToList();
                var attributes = new Dictionary<string, AttributeView>(StringComparer.Ordinal);
                void Add<T>(string name, Func<PerpetratorFact, IEnumerable<T>> values, bool canConflict = true)
                    where T : notnull
                {
                    var attested = Attest(items.SelectMany(i => values(i.Fact).Select(v => (i.Assertion, (object)v))), v => v is string s ? Norm(s) : v.ToString()!);
                    if (attested.Count > 0)
                    {
                        attributes[name] = new AttributeView(canConflict && ValueAgreement.AnyConflict([.. attested.Select(a => a.Value)]), attested);
                    }
                }

                static IEnumerable<T> One<T>(T? value) where T : class => value is null ? [] : [value];
                static IEnumerable<object> Val<T>(T? value) where T : struct => value is null ? [] : [value.Value];

                Add("name", p => One(p.Name));
                Add("aliases", p => p.Aliases ?? [], canConflict: false);
                Add("age", p => Val(p.Age));
                Add("sex", p => Val(p.Sex));
                Add("nationality", p => One(p.Nationality));
                Add("birthplace", p => One(p.Birthplace));
                Add("residence", p => One(p.Residence));
                Add("affiliation", p => One(p.Affiliation));
                Add("criminalRecord", p => Val(p.CriminalRecord));
                Add("knownToAuthorities", p => Val(p.KnownToAuthorities));
                Add("status", p => Val(p.Status));
                var name = attributes.TryGetValue("name", out var names)
                    ? (string)names.Values.OrderByDescending(v => v.Sources.Count).ThenBy(v => v.FirstPublishedAt).First().Value
                    : null;
                return new PerpetratorProfile(group.Key, name, attributes.Values.Any(a => a.Conflicting), attributes);
            })
            .OrderBy(p => p.Key == Unidentified)
            .ThenBy(p => p.Key, StringComparer.Ordinal)];

    private static List<PersonProfile> BuildPeople(List<Assertion> facts) =>
        [.. Of<PersonFact>(facts)
            .GroupBy(p => Key(p.Fact.Key, p.Fact.Name, "role:" + SourceNames.Normalize(p.Fact.Role)))
            .Select(group =>
            {
                var items = group.ToList();
                var statuses = Attest(items.Select(i => (i.Assertion, i.Fact.Status)), s => s.ToString())
                    .OrderByDescending(s => s.LastPublishedAt)
                    .ToList();
                var latest = items
                    .OrderByDescending(i => i.Assertion.Report.PublishedAt)
                    .ThenByDescending(i => i.Assertion.Entry.Version)
                    .First();
                var names = Attest(items.Where(i => i.Fact.Name is not null).Select(i => (i.Assertion, i.Fact.Name!)), Norm);
                return new PersonProfile(
                    group.Key,
                    names.OrderByDescending(n => n.Sources.Count).ThenBy(n => n.FirstPublishedAt).FirstOrDefault()?.Value,
                    latest.Fact.Status,
                    statuses,
                    names,
                    Attest(items.Select(i => (i.Assertion, i.Fact.Role)), Norm),
                    Attest(items.Where(i => i.Fact.Description is not null).Select(i => (i.Assertion, i.Fact.Description!)), Norm));
            })
            .OrderBy(p => p.Name is null)
            .ThenBy(p => p.Key, StringComparer.Ordinal)];

    /// <summary>
    /// The timeline in order of time (docs/api.md): each entry at the end of the period its time
    /// covers, so a date-only entry follows the timed entries of its day, a month its days, a year its
    /// months. Days are the days as the sources wrote them (a time's own offset), and entries
    /// no time tells apart keep the order they were first reported in.
    /// </summary>
    private static List<TimelineEntry> BuildTimeline(List<Assertion> facts) =>
        [.. Of<TimelineFact>(facts)
            .GroupBy(t => (t.Fact.At, Norm(t.Fact.Description), Norm(t.Fact.Place)))
            .Select(g =>
            {
                var first = g.OrderBy(t => t.Assertion.Report.PublishedAt).ThenBy(t => t.Assertion.Entry.Version).First();
                var entry = new TimelineEntry(
                    first.Fact.At,
                    g.Any(t => t.Fact.Approximate == true),
                    first.Fact.Description,
                    first.Fact.Place,
                    [.. g.Select(t => t.Assertion.Attribution).OrderBy(a => a.PublishedAt)]);
                return (Entry: entry, FirstVersion: first.Assertion.Entry.Version);
            })
            .OrderBy(t => LastDay(t.Entry.At))
            .ThenByDescending(t => t.Entry.At.Precision is TimePrecision.Minute or TimePrecision.Second ? TimePrecision.Second : t.Entry.At.Precision)
            .ThenBy(t => t.Entry.At.Precision is TimePrecision.Minute or TimePrecision.Second ? t.Entry.At.Start : DateTimeOffset.MinValue)
            .ThenBy(t => t.Entry.Sources[0].PublishedAt)
            .ThenBy(t => t.FirstVersion)
            .Select(t => t.Entry)];

    /// <summary>The last day a time covers, as its source wrote it: a timed value's day in its own offset.</summary>
    private static DateOnly LastDay(ReportedTime at) => at.Precision switch
    {
        TimePrecision.Year => new DateOnly(at.Date.Year, 12, 31),
        TimePrecision.Month => at.Date.AddDays(DateTime.DaysInMonth(at.Date.Year, at.Date.Month) - at.Date.Day),
        _ => at.Date,
    };

    private static List<Attested<T>> Attest<T>(IEnumerable<(Assertion Assertion, T Value)> items, Func<T, string> key)
        where T : notnull =>
        [.. items
            .GroupBy(i => key(i.Value), StringComparer.Ordinal)
            .Select(g =>
            {
                var sources = g.Select(i => i.Assertion.Attribution).OrderBy(a => a.PublishedAt).ToList();
                var first = g.OrderBy(i => i.Assertion.Report.PublishedAt).ThenBy(i => i.Assertion.Entry.Version).First();
                return new Attested<T>(first.Value, sources, sources[0].PublishedAt, sources[^1].PublishedAt);
            })
            .OrderBy(a => a.FirstPublishedAt)];

    private static IEnumerable<(Assertion Assertion, T Fact)> Of<T>(List<Assertion> facts)
        where T : Fact =>
        facts.Where(a => a.Entry.Fact is T).Select(a => (a, (T)a.Entry.Fact));

    private static string Key(string? key, string? name, string fallback) =>
        !string.IsNullOrWhiteSpace(key) ? SourceNames.Normalize(key)
        : !string.IsNullOrWhiteSpace(name) ? SourceNames.Normalize(name)
        : fallback;

    private static string Norm(string? text) => text is null ? string.Empty : SourceNames.Normalize(text);

    private sealed record Assertion(FactEntry Entry, ReportEntry Report)
    {
        public Attribution Attribution { get; } = new(
            Report.ReportId, Entry.FactId, Report.Source.Id, Report.Source.Name, Report.Source.Reliability, Report.PublishedAt, Entry.Fact.Quote);
    }
}
