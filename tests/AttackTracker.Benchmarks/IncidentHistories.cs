using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Whole incident streams for the rebuild: IncidentOpened, then 11 reports of 8 facts (each a
/// ReportSubmitted and its fact events), 100 events; the reports cite five sources registered on
/// their own streams first, as the service registers a source on first use.
/// </summary>
public sealed class IncidentHistories
{
    public const int EventsPerIncident = 1 + (ReportsPerIncident * (1 + FactsPerReport));
    private const int ReportsPerIncident = 11;
    private const int FactsPerReport = 8;
    private static readonly DateOnly FirstPublished = new(2018, 3, 24);

    private readonly SubmitReport _command = ReportSamples.Command(ReportSamples.Report(ReportSamples.Facts(FactsPerReport), FirstPublished));

    public IReadOnlyList<SourceRegistered> Sources { get; } =
    [
        .. new[] { "Agence Un", "Agence Deux", "Research Trois", "Ministère Quatre", "Journal Cinq" }
            .Select((name, i) => new SourceRegistered(SourceNames.IdFor(name), name, (SourceKind)(i % 3), (Reliability)(i % 4), null)),
    ];

    public List<SampleEvent> Incident(Guid id, int number) => Incident(id, number, ReportsPerIncident);

    /// <summary>An incident with <paramref name="reports"/> reports: 1 + reports × 9 events.</summary>
    public List<SampleEvent> Incident(Guid id, int number, int reports)
    {
        var events = new List<SampleEvent>(1 + (reports * (1 + FactsPerReport))) { new(ReportSamples.Opened(id, $"Rebuilt incident {number}"), Guid.CreateVersion7()) };
        for (var r = 0; r < reports; r++)
        {
            var registered = Sources[(number + r) % Sources.Count];
            var source = new SourceRef(registered.SourceId, registered.Name, registered.Kind, registered.Reliability);
            var published = _command with { PublishedAt = _command.PublishedAt.AddDays(r) };
            events.AddRange(ReportSamples.Events(published, id, source));
        }

        return events;
    }
}
