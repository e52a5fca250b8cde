using AttackTracker.EventStore;
using AttackTracker.Domain;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The library baseline of an HTTP report: the same six events (ReportSubmitted and five facts) appended
/// straight to the store at the expected version, each writer starting an incident stream with
/// IncidentOpened and filling it with as many reports as an HTTP client posts to one incident.
/// As over HTTP, the stream start is not a measured call but its time counts against the rate.
/// </summary>
public sealed class ReportAppends(EventStore.EventStore store, SubmitReport command, int reportsPerIncident)
{
    public Func<CancellationToken, Task<int>> Writer(int writer)
    {
        Guid? incident = null;
        long version = 0;
        var reports = 0;
        return async cancellationToken =>
        {
            if (incident is null || (reportsPerIncident > 0 && reports == reportsPerIncident))
            {
                var id = Guid.CreateVersion7();
                var opened = await store.StartStreamAsync(
                    id, EventTypes.IncidentStream, [new EventData(ReportSamples.Opened(id, $"Library incident {writer}"), ReportSamples.Metadata())], cancellationToken);
                (incident, version, reports) = (id, opened.Version, 0);
                return 0;
            }

            var events = ReportSamples.Events(command, incident.Value);
            var appended = await store.AppendAsync(
                new StreamAppend(incident.Value, EventTypes.IncidentStream, ExpectedVersion.Exactly(version), events), cancellationToken);
            version = appended.Version;
            reports++;
            return events.Count;
        };
    }
}
