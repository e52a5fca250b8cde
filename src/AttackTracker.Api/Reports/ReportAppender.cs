using System.Globalization;
using AttackTracker.Api.Sources;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using JasperFx.Events;
using Marten;

namespace AttackTracker.Api.Reports;

public sealed record ReportCreated(Guid ReportId, Guid IncidentId, long Version, IReadOnlyList<Guid> FactIds);

/// <summary>
/// The events of one report, for an incident whose stream the caller has locked: the source's
/// registration or regrade (appended to the source's stream), then ReportSubmitted and one event
/// per fact, each carrying its provenance in data and headers. Used by the endpoint and the sample loader.
/// </summary>
public sealed class ReportAppender(SourceRegistry sources, RecordingClock clock)
{
    public static string Location(ReportCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return $"/api/reports/{created.ReportId}";
    }

    public async Task<(ReportCreated Created, IReadOnlyList<IEvent> Events)> DecideAsync(
        IDocumentSession session, IncidentState incident, SubmitReport command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(command);
        var reportId = Guid.CreateVersion7();
        var source = await sources.ResolveAsync(session, command.Source, cancellationToken);
        var recordedAt = await clock.NowAsync(session, Stamps.Latest(incident.LastRecordedAt, source.Existing?.LastRecordedAt), cancellationToken);
        SourceRegistry.Append(session, source, reportId, recordedAt);

        var events = ReportDecision.Decide(command, source.Ref, reportId, Guid.CreateVersion7);
        var headers = new Dictionary<string, string>
        {
            ["reportId"] = reportId.ToString(),
            ["sourceId"] = source.Ref.Id.ToString(),
            ["publishedAt"] = command.PublishedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (command.Credibility is { } credibility)
        {
            headers["credibility"] = credibility.ToString(CultureInfo.InvariantCulture);
        }

        IReadOnlyList<IEvent> stamped = [.. events.Select(e => session.Stamp(e, recordedAt, e is IFactReported f ? f.FactId : reportId, headers))];
        var created = new ReportCreated(reportId, command.IncidentId, incident.Version + stamped.Count, [.. events.OfType<IFactReported>().Select(f => f.FactId)]);
        return (created, stamped);
    }
}
