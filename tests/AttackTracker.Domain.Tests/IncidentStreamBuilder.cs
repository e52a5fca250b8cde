using System.Globalization;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Tests;

internal sealed record SubmittedReport(Guid ReportId, IReadOnlyList<Guid> FactIds);

/// <summary>
/// Writes an incident's stream in memory, as the event store would record it: versions from 1
/// without gaps, a recording clock that only moves forward, and the recorder in the metadata.
/// Ids are counted, not random, so two runs build the same stream.
/// </summary>
internal sealed class IncidentStreamBuilder
{
    public const string Analyst = "analyst@example.org";

    public static readonly DateTimeOffset FirstRecordedAt = new(2018, 3, 27, 0, 0, 0, TimeSpan.Zero);

    private readonly List<StreamEvent> _events = [];
    private DateTimeOffset _clock = FirstRecordedAt;
    private int _ids;

    public Guid IncidentId { get; } = new("0d7a1f52-3c1b-4f0e-9a47-6c2b8e5d1a00");

    public IReadOnlyList<StreamEvent> Events => _events;

    public Guid NewId() => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{++_ids:D12}"));

    public StreamEvent Append(object data, string recordedBy = Analyst, DateTimeOffset? recordedAt = null)
    {
        if (recordedAt is { } at)
        {
            if (at < _clock)
            {
                throw new ArgumentOutOfRangeException(nameof(recordedAt), at, "The recording clock only moves forward.");
            }

            _clock = at;
        }

        var version = _events.Count + 1;
        var recorded = new StreamEvent(data, version, _clock, recordedBy);
        _events.Add(recorded);
        _clock = _clock.AddMinutes(1);
        return recorded;
    }

    public IncidentStreamBuilder Open(
        string title = "Car hijacking, shootings and supermarket hostage-taking in Carcassonne and Trèbes",
        string occurredOn = "2018-03-23",
        string country = "FR",
        string place = "Carcassonne and Trèbes, Aude",
        string? summary = null)
    {
        Append(new IncidentOpened(IncidentId, title, ReportedTime.Parse(occurredOn), country, place, summary));
        return this;
    }

    public SubmittedReport Report(SourceRef source, DateTimeOffset publishedAt, params Fact[] facts)
    {
        var reportId = NewId();
        var command = new SubmitReport(
            IncidentId,
            new SourceRequest(source.Name, null, source.Kind, source.Reliability),
            $"{source.Name}, {publishedAt:yyyy-MM-dd}",
            null,
            publishedAt,
            null,
            facts);
        var events = ReportDecision.Decide(command, source, reportId, NewId);
        foreach (var data in events)
        {
            Append(data);
        }

        return new SubmittedReport(reportId, ((ReportSubmitted)events[0]).FactIds);
    }

    public StreamEvent Retract(RetractionKind kind, DateTimeOffset? publishedAt, params Guid[] factIds) =>
        Append(new FactsRetracted(factIds, kind, "Correction.", publishedAt));

    public StreamEvent Adjudicate(CasualtyCategory category, int value, string rationale, DateTimeOffset recordedAt) =>
        Append(new FigureAdjudicated(category, value, rationale), recordedAt: recordedAt);

    public IncidentState Fold() => Fold(_events);

    public static IncidentState Fold(IEnumerable<StreamEvent> events, IncidentState? from = null) =>
        IncidentFold.Fold(events, from);

    public IncidentView View(DateTimeOffset? asOf = null) =>
        IncidentViewBuilder.Build(IncidentId, Fold(), asOf is null ? ViewPoint.Current : new ViewPoint(asOf, null, null));
}
