using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The library baseline of an HTTP report: the same six events (ReportSubmitted and five facts) with
/// the same ids, headers and recorded time, appended through Marten at the expected version, each
/// writer starting an incident stream with IncidentOpened and filling it with as many reports as an
/// HTTP client posts to one incident. As over HTTP, the stream start is not a measured call but its
/// time counts against the rate.
/// </summary>
public sealed class ReportAppends(DocumentStore store, RecordingClock clock, SubmitReport command, int reportsPerIncident)
{
    public Func<CancellationToken, Task<int>> Writer(int writer)
    {
        Guid? incident = null;
        long version = 0;
        DateTimeOffset? last = null;
        var reports = 0;
        return async cancellationToken =>
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = ReportSamples.RecordedBy;
            var at = await clock.NowAsync(session, last, cancellationToken);
            last = at;
            if (incident is null || (reportsPerIncident > 0 && reports == reportsPerIncident))
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<IncidentState>(id, session.Stamp(ReportSamples.Opened(id, $"Library incident {writer}"), at));
                await session.SaveChangesAsync(cancellationToken);
                (incident, version, reports) = (id, 1, 0);
                return 0;
            }

            var events = ReportSamples.Events(command, incident.Value);
            session.Events.Append(incident.Value, version + events.Count, [.. events.Select(e => e.Stamp(session, at))]);
            await session.SaveChangesAsync(cancellationToken);
            version += events.Count;
            reports++;
            return events.Count;
        };
    }
}
