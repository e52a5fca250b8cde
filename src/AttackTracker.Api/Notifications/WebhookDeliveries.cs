using AttackTracker.Api.Store;
using Npgsql;
using static AttackTracker.Api.Notifications.WebhookSql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Where each subscription stands with each incident (webhook_cursors): what the dispatcher reads
/// and moves. The pairs are marked with work by the commit that writes the notifications (a
/// trigger, Sql/0007). Each change is one statement, so a crash leaves either the old state or the new one.
/// </summary>
public sealed class WebhookDeliveries(NpgsqlDataSource dataSource, StoreSettings settings)
{
    private readonly string _s = "\"" + settings.Schema + "\"";

    /// <summary>The channel the dispatcher listens on; NOTIFY is delivered when the notifying transaction commits.</summary>
    public string Channel { get; } = "webhooks_" + settings.Schema;

    /// <summary>
    /// Work that is due: pairs with notifications waiting, then replays, at most
    /// <paramref name="limit"/>, none of a subscription in <paramref name="skip"/> (parked, or with
    /// its share in flight already) and at most <paramref name="perSubscription"/> of any other.
    /// Each subscription's oldest comes before any subscription's second, so a subscription with
    /// thousands due cannot fill the list ahead of one with a single notification.
    /// </summary>
    public async Task<IReadOnlyList<DueWork>> DueAsync(int limit, IReadOnlyCollection<Guid> skip, int perSubscription, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT subscription_id, incident_id, dead_letter_id FROM (
                SELECT subscription_id, incident_id, NULL::uuid AS dead_letter_id, due_at,
                       row_number() OVER (PARTITION BY subscription_id ORDER BY due_at) AS turn
                FROM {_s}.webhook_cursors WHERE pending AND due_at <= now() AND subscription_id <> ALL ($2)
                UNION ALL
                SELECT subscription_id, incident_id, id, replay_due_at, row_number() OVER (PARTITION BY subscription_id ORDER BY replay_due_at)
                FROM {_s}.webhook_dead_letters WHERE replay_due_at <= now() AND subscription_id <> ALL ($2)) due
            WHERE turn <= $3
            ORDER BY turn, due_at LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(Array(skip));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = perSubscription });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<DueWork>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueWork(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        }

        return due;
    }

    /// <summary>The cursor of a pair and the next notification after it that the subscription wants; null when the pair is gone.</summary>
    public async Task<CursorState?> CursorAsync(Subscription subscription, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var command = dataSource.CreateCommand($"""
            SELECT c.wake, c.attempts, n.version, n.ordinal, n.kind, n.body
            FROM {_s}.webhook_cursors c
            LEFT JOIN LATERAL (
                SELECT n.version, n.ordinal, n.kind, n.body FROM {_s}.notifications n
                WHERE n.incident_id = c.incident_id AND (n.version, n.ordinal) > (c.delivered_version, c.delivered_ordinal)
                  AND n.recorded_at >= $3 AND ($4::text[] IS NULL OR n.kind = ANY ($4))
                ORDER BY n.version, n.ordinal LIMIT 1) n ON true
            WHERE c.subscription_id = $1 AND c.incident_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subscription.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = incidentId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = subscription.CreatedAt });
        command.Parameters.Add(Array(subscription.Filter.Kinds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var next = reader.IsDBNull(2) ? null : new PendingNotification(incidentId, reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5));
        return new CursorState(reader.GetInt64(0), reader.GetInt32(1), next);
    }

    /// <summary>Nothing is left for the pair: it stops being pending, unless a fan-out woke it since <paramref name="wake"/>.</summary>
    public async Task<bool> IdleAsync(Guid subscriptionId, Guid incidentId, long wake, CancellationToken cancellationToken) =>
        await ExecuteAsync(dataSource, $"UPDATE {_s}.webhook_cursors SET pending = false WHERE subscription_id = $1 AND incident_id = $2 AND wake = $3",
            cancellationToken, subscriptionId, incidentId, wake) > 0;

    public Task DeliveredAsync(Guid subscriptionId, PendingNotification notification, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource, $"""
            UPDATE {_s}.webhook_cursors SET delivered_version = $3, delivered_ordinal = $4, attempts = 0, due_at = now(), last_error = NULL, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, notification.IncidentId, notification.Version, notification.Ordinal);

    public Task BackOffAsync(Guid subscriptionId, Guid incidentId, int attempts, TimeSpan delay, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource, $"""
            UPDATE {_s}.webhook_cursors SET attempts = $3, due_at = now() + $4::interval, last_error = $5, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, incidentId, attempts, delay, error);

    /// <summary>Dead-letters the notification and moves the pair's cursor past it, in one statement.</summary>
    public Task DeadLetterAsync(Guid subscriptionId, PendingNotification notification, int attempts, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource, $"""
            WITH dead AS (
                INSERT INTO {_s}.webhook_dead_letters AS d (id, subscription_id, incident_id, version, ordinal, attempts, last_error)
                VALUES ($6, $1, $2, $3, $4, $5, $7)
                ON CONFLICT (subscription_id, incident_id, version, ordinal) DO UPDATE
                SET attempts = d.attempts + EXCLUDED.attempts, last_error = EXCLUDED.last_error, dead_at = now(), delivered_at = NULL, replay_due_at = NULL)
            UPDATE {_s}.webhook_cursors SET delivered_version = $3, delivered_ordinal = $4, attempts = 0, due_at = now(), last_error = $7, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, notification.IncidentId, notification.Version, notification.Ordinal, attempts, Guid.CreateVersion7(), error);

    /// <summary>Wakes the dispatcher (on whichever node holds the lead) at once rather than at its next poll.</summary>
    public Task WakeAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource, "SELECT pg_notify($1, '')", cancellationToken, Channel);
}
