using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Notifications;
using Marten;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Records what a commit changed, as notification rows beside its events, in the same unit of
/// work (the pure <see cref="ChangeNotifications"/> decides them). Inserting the rows marks every
/// webhook subscription that wants them as having work (a trigger on the table, Sql/0007), so a
/// committed change is always fanned out and a rolled-back one never is, whatever wrote it.
/// </summary>
public sealed class ChangeLog(StoreSettings settings) : ICommitRecorder
{
    private readonly string _insert = $"""
        INSERT INTO "{settings.Schema}".notifications (incident_id, version, ordinal, kind, country, recorded_at, body)
        SELECT r.incident_id, r.version, r.ordinal, r.kind, r.country, r.recorded_at, r.body
        FROM jsonb_to_recordset(?::jsonb) AS r(incident_id uuid, version bigint, ordinal int, kind text, country text, recorded_at timestamptz, body text)
        """;

    public void Record(IDocumentSession session, IReadOnlyList<IncidentCommit> commits)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(commits);
        var recordedBy = session.LastModifiedBy ?? IncidentFold.Anonymous;
        var rows = new List<object>();
        foreach (var (incidentId, before, events) in commits)
        {
            var commit = events.Select((e, i) => new StreamEvent(e.Data, before.Version + i + 1, e.Timestamp, recordedBy, session.CorrelationId)).ToList();
            rows.AddRange(NotificationEnvelope.Of(ChangeNotifications.Of(incidentId, before, commit)).Select((n, ordinal) => new
            {
                incident_id = incidentId,
                version = n.Data.Version,
                ordinal,
                kind = n.Type,
                country = n.Data.Country,
                recorded_at = n.Timestamp,
                body = JsonSerializer.Serialize(n, IncidentJson.Options),
            }));
        }

        if (rows.Count > 0)
        {
            session.QueueSqlCommand(_insert, JsonSerializer.Serialize(rows));
        }
    }
}
