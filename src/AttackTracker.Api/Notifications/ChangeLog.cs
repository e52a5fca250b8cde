using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Notifications;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// The message a commit sends through Wolverine's durable outbox: it is stored in the commit's
/// own transaction, so a committed change is always fanned out to the webhook subscriptions and
/// a rolled-back one never is.
/// </summary>
public sealed record IncidentChanged(Guid IncidentId, long Version, string? Country, IReadOnlyList<string> Kinds, DateTimeOffset RecordedAt);

/// <summary>
/// Records what a commit changed: its notifications (the pure <see cref="ChangeNotifications"/>)
/// as rows beside its events, and the outbox message that fans them out. Every write to an
/// incident calls it in the transaction that appends the events.
/// </summary>
public sealed class ChangeLog(StoreSettings settings, WebhookDeliveries webhooks)
{
    private readonly string _insert = $"""
        INSERT INTO "{settings.Schema}".notifications (incident_id, version, ordinal, kind, country, recorded_at, body)
        SELECT r.incident_id, r.version, r.ordinal, r.kind, r.country, r.recorded_at, r.body
        FROM jsonb_to_recordset(?::jsonb) AS r(incident_id uuid, version bigint, ordinal int, kind text, country text, recorded_at timestamptz, body text)
        """;

    /// <summary>
    /// Queues the notifications of appending <paramref name="events"/> to an incident whose state
    /// was <paramref name="before"/> on <paramref name="session"/>, and publishes their message on
    /// <paramref name="bus"/>, which must be enrolled with the session (Wolverine's outbox). Without
    /// a bus (the command line, where Wolverine does not run), the fan-out itself is queued in the
    /// session, so it too commits with the events.
    /// </summary>
    public async ValueTask RecordAsync(IDocumentSession session, IMessageBus? bus, Guid incidentId, IncidentState before, IReadOnlyList<IEvent> events)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(events);
        var recordedBy = session.LastModifiedBy ?? IncidentFold.Anonymous;
        var commit = events.Select((e, i) => new StreamEvent(e.Data, before.Version + i + 1, e.Timestamp, recordedBy, session.CorrelationId)).ToList();
        var notifications = NotificationEnvelope.Of(ChangeNotifications.Of(incidentId, before, commit));
        if (notifications.Count == 0)
        {
            return;
        }

        var rows = notifications.Select((n, ordinal) => new
        {
            incident_id = incidentId,
            version = n.Data.Version,
            ordinal,
            kind = n.Type,
            country = n.Data.Country,
            recorded_at = n.Timestamp,
            body = JsonSerializer.Serialize(n, IncidentJson.Options),
        });
        session.QueueSqlCommand(_insert, JsonSerializer.Serialize(rows));
        var first = notifications[0].Data;
        var change = new IncidentChanged(incidentId, first.Version, first.Country, [.. notifications.Select(n => n.Type).Distinct()], first.RecordedAt);
        if (bus is null)
        {
            webhooks.QueueFanOut(session, change);
            return;
        }

        await bus.PublishAsync(change);
    }
}
