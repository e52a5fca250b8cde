using System.Security.Cryptography;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Notifications;
using Npgsql;

namespace AttackTracker.Api.Notifications;

/// <summary>A subscription as the dispatcher signs and filters with it.</summary>
public sealed record Subscription(
    Guid Id, Uri Url, string? Description, string Owner, SubscriptionFilter Filter,
    string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt)
{
    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and a rotated one until it expires.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}

/// <summary>How a subscription's deliveries stand.</summary>
public sealed record DeliveryStatus(int IncidentsPending, int IncidentsRetrying, int DeadLetters, string? LastError, DateTimeOffset? LastAttemptAt);

/// <summary>A subscription as the API shows it. The secret is only in the answers of create and rotate.</summary>
public sealed record SubscriptionView(
    Guid Id, string Url, string? Description, string Owner, SubscriptionFilter Filter, DateTimeOffset CreatedAt,
    DateTimeOffset? PreviousSecretExpiresAt, DeliveryStatus Delivery, string? Secret = null);

public enum DeadLetterState
{
    Dead,
    Replaying,
    Delivered,
}

/// <summary>A delivery that ran out of attempts or was refused, with the notification it carries.</summary>
public sealed record DeadLetterView(
    Guid Id, Guid SubscriptionId, string WebhookId, Guid IncidentId, long Version, string Kind, int Attempts, string LastError,
    DateTimeOffset DeadAt, DeadLetterState State, DateTimeOffset? DeliveredAt, System.Text.Json.JsonElement Notification);

/// <summary>One notification ready to send: its webhook id and its exact body.</summary>
public sealed record PendingNotification(Guid IncidentId, long Version, int Ordinal, string Kind, string Body)
{
    public string WebhookId => NotificationEnvelope.IdOf(IncidentId, Version, Ordinal);
}

/// <summary>Where a subscription stands with an incident, and the next notification to deliver, if any.</summary>
public sealed record CursorState(long Wake, int Attempts, PendingNotification? Next);

/// <summary>A dead letter being replayed.</summary>
public sealed record ReplayState(Guid Id, Guid SubscriptionId, int ReplayAttempts, int Attempts, PendingNotification Notification);

/// <summary>Work the dispatcher may start: a subscription's deliveries for one incident, or one replay.</summary>
public sealed record DueWork(Guid SubscriptionId, Guid IncidentId, Guid? DeadLetterId)
{
    public string Key => DeadLetterId is { } id ? $"replay:{id}" : $"{SubscriptionId}:{IncidentId}";
}

/// <summary>
/// The webhook tables (Sql/0006_notifications.sql): subscriptions, where each stands with each
/// incident, and dead letters. Each change is one statement, so a crash leaves either the old
/// state or the new one.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, StoreSettings settings)
{
    private readonly string _s = "\"" + settings.Schema + "\"";

    /// <summary>The channel the dispatcher listens on; NOTIFY is delivered when the notifying transaction commits.</summary>
    public string Channel { get; } = "webhooks_" + settings.Schema;

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async Task<SubscriptionView> CreateAsync(NewSubscription subscription, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var secret = NewSecret();
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {_s}.webhook_subscriptions (id, url, description, owner, incident_ids, countries, kinds, secret)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at
            """);
        var id = Guid.CreateVersion7();
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = subscription.Url.OriginalString });
        command.Parameters.Add(Nullable(subscription.Description));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(Array(subscription.Filter.IncidentIds));
        command.Parameters.Add(Array(subscription.Filter.Countries));
        command.Parameters.Add(Array(subscription.Filter.Kinds));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
        var created = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new SubscriptionView(id, subscription.Url.OriginalString, subscription.Description, owner, subscription.Filter,
            new DateTimeOffset(created, TimeSpan.Zero), null, new DeliveryStatus(0, 0, 0, null, null), secret);
    }

    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Guid? id, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, s.url, s.description, s.owner, s.incident_ids, s.countries, s.kinds, s.created_at, s.previous_secret_expires_at,
                   (SELECT count(*) FROM {_s}.webhook_cursors c WHERE c.subscription_id = s.id AND c.pending)::int,
                   (SELECT count(*) FROM {_s}.webhook_cursors c WHERE c.subscription_id = s.id AND c.pending AND c.attempts > 0)::int,
                   (SELECT count(*) FROM {_s}.webhook_dead_letters d WHERE d.subscription_id = s.id AND d.delivered_at IS NULL)::int,
                   c.last_error, c.last_attempt_at
            FROM {_s}.webhook_subscriptions s
            LEFT JOIN LATERAL (SELECT last_error, last_attempt_at FROM {_s}.webhook_cursors c
                               WHERE c.subscription_id = s.id AND c.last_attempt_at IS NOT NULL ORDER BY c.last_attempt_at DESC LIMIT 1) c ON true
            WHERE $1::uuid IS NULL OR s.id = $1
            ORDER BY s.created_at, s.id LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(page - 1) * pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var views = new List<SubscriptionView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            views.Add(new SubscriptionView(
                reader.GetGuid(0), reader.GetString(1), Text(reader, 2), reader.GetString(3),
                new SubscriptionFilter(Guids(reader, 4), Texts(reader, 5), Texts(reader, 6)),
                Time(reader, 7)!.Value, Time(reader, 8),
                new DeliveryStatus(reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), Text(reader, 12), Time(reader, 13))));
        }

        return views;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {_s}.webhook_subscriptions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>A new secret; the current one keeps signing beside it for <paramref name="overlap"/>. Null when there is no such subscription.</summary>
    public async Task<(string Secret, DateTimeOffset PreviousExpiresAt)?> RotateAsync(Guid id, TimeSpan overlap, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        await using var command = dataSource.CreateCommand($"""
            UPDATE {_s}.webhook_subscriptions
            SET previous_secret = secret, previous_secret_expires_at = now() + $3::interval, secret = $2
            WHERE id = $1 RETURNING previous_secret_expires_at
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = overlap });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime expires ? (secret, new DateTimeOffset(expires, TimeSpan.Zero)) : null;
    }

    public async Task<Subscription?> SubscriptionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, url, description, owner, incident_ids, countries, kinds, secret, previous_secret, previous_secret_expires_at, created_at
            FROM {_s}.webhook_subscriptions WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Subscription(reader.GetGuid(0), new Uri(reader.GetString(1)), Text(reader, 2), reader.GetString(3),
            new SubscriptionFilter(Guids(reader, 4), Texts(reader, 5), Texts(reader, 6)),
            reader.GetString(7), Text(reader, 8), Time(reader, 9), Time(reader, 10)!.Value);
    }

    /// <summary>Pairs with notifications waiting and due, then replays due; at most <paramref name="limit"/> of each.</summary>
    public async Task<IReadOnlyList<DueWork>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            (SELECT subscription_id, incident_id, NULL::uuid FROM {_s}.webhook_cursors WHERE pending AND due_at <= now() ORDER BY due_at LIMIT $1)
            UNION ALL
            (SELECT subscription_id, incident_id, id FROM {_s}.webhook_dead_letters WHERE replay_due_at <= now() ORDER BY replay_due_at LIMIT $1)
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
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
        await ExecuteAsync($"UPDATE {_s}.webhook_cursors SET pending = false WHERE subscription_id = $1 AND incident_id = $2 AND wake = $3",
            cancellationToken, subscriptionId, incidentId, wake) > 0;

    public Task DeliveredAsync(Guid subscriptionId, PendingNotification notification, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE {_s}.webhook_cursors SET delivered_version = $3, delivered_ordinal = $4, attempts = 0, due_at = now(), last_error = NULL, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, notification.IncidentId, notification.Version, notification.Ordinal);

    public Task BackOffAsync(Guid subscriptionId, Guid incidentId, int attempts, TimeSpan delay, string error, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE {_s}.webhook_cursors SET attempts = $3, due_at = now() + $4::interval, last_error = $5, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, incidentId, attempts, delay, error);

    /// <summary>Dead-letters the notification and moves the pair's cursor past it, in one statement.</summary>
    public Task DeadLetterAsync(Guid subscriptionId, PendingNotification notification, int attempts, string error, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            WITH dead AS (
                INSERT INTO {_s}.webhook_dead_letters AS d (id, subscription_id, incident_id, version, ordinal, attempts, last_error)
                VALUES ($6, $1, $2, $3, $4, $5, $7)
                ON CONFLICT (subscription_id, incident_id, version, ordinal) DO UPDATE
                SET attempts = d.attempts + EXCLUDED.attempts, last_error = EXCLUDED.last_error, dead_at = now(), delivered_at = NULL, replay_due_at = NULL)
            UPDATE {_s}.webhook_cursors SET delivered_version = $3, delivered_ordinal = $4, attempts = 0, due_at = now(), last_error = $7, last_attempt_at = now()
            WHERE subscription_id = $1 AND incident_id = $2
            """, cancellationToken, subscriptionId, notification.IncidentId, notification.Version, notification.Ordinal, attempts, Guid.CreateVersion7(), error);

    public async Task<IReadOnlyList<DeadLetterView>> DeadLettersAsync(Guid subscriptionId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.id, d.incident_id, d.version, d.ordinal, n.kind, d.attempts + d.replay_attempts, d.last_error, d.dead_at,
                   d.replay_due_at IS NOT NULL, d.delivered_at, n.body
            FROM {_s}.webhook_dead_letters d
            JOIN {_s}.notifications n USING (incident_id, version, ordinal)
            WHERE d.subscription_id = $1
            ORDER BY d.dead_at, d.id LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(page - 1) * pageSize });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetterView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var incidentId = reader.GetGuid(1);
            var delivered = Time(reader, 9);
            var state = reader.GetBoolean(8) ? DeadLetterState.Replaying : delivered is null ? DeadLetterState.Dead : DeadLetterState.Delivered;
            using var body = System.Text.Json.JsonDocument.Parse(reader.GetString(10));
            letters.Add(new DeadLetterView(reader.GetGuid(0), subscriptionId, NotificationEnvelope.IdOf(incidentId, reader.GetInt64(2), reader.GetInt32(3)),
                incidentId, reader.GetInt64(2), reader.GetString(4), reader.GetInt32(5), reader.GetString(6), Time(reader, 7)!.Value, state, delivered,
                body.RootElement.Clone()));
        }

        return letters;
    }

    /// <summary>Queues dead letters of a subscription for replay (one, or every one not delivered); how many were queued.</summary>
    public async Task<int> ReplayAsync(Guid subscriptionId, Guid? deadLetterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH queued AS (
                UPDATE {_s}.webhook_dead_letters SET replay_due_at = now(), replay_attempts = 0, delivered_at = NULL
                WHERE subscription_id = $1 AND ($2::uuid IS NULL AND delivered_at IS NULL OR id = $2)
                RETURNING 1)
            SELECT count(*)::int FROM queued
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = subscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)deadLetterId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var queued = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (queued > 0)
        {
            await WakeAsync(cancellationToken);
        }

        return queued;
    }

    /// <summary>Wakes the dispatcher (on whichever node holds the lead) at once rather than at its next poll.</summary>
    public Task WakeAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT pg_notify($1, '')", cancellationToken, Channel);

    public async Task<ReplayState?> ReplayStateAsync(Guid deadLetterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.subscription_id, d.replay_attempts, d.attempts, d.incident_id, d.version, d.ordinal, n.kind, n.body
            FROM {_s}.webhook_dead_letters d JOIN {_s}.notifications n USING (incident_id, version, ordinal)
            WHERE d.id = $1 AND d.replay_due_at IS NOT NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = deadLetterId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReplayState(deadLetterId, reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2),
                new PendingNotification(reader.GetGuid(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7)))
            : null;
    }

    /// <summary>A replay's outcome: delivered, due again after <paramref name="retryIn"/>, or dead again (both null).</summary>
    public Task ReplayedAsync(Guid deadLetterId, bool delivered, TimeSpan? retryIn, int replayAttempts, string? error, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE {_s}.webhook_dead_letters
            SET delivered_at = CASE WHEN $2 THEN now() END,
                replay_due_at = CASE WHEN $3::interval IS NOT NULL THEN now() + $3::interval END,
                replay_attempts = $4, last_error = COALESCE($5, last_error),
                dead_at = CASE WHEN NOT $2 AND $3::interval IS NULL THEN now() ELSE dead_at END
            WHERE id = $1
            """, cancellationToken, deadLetterId, delivered, new NpgsqlParameter { Value = (object?)retryIn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval },
            replayAttempts, Nullable(error));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Nullable(string? text) =>
        new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static NpgsqlParameter Array<T>(IReadOnlyList<T>? items) => new()
    {
        Value = items is null ? DBNull.Value : items.ToArray(),
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | (typeof(T) == typeof(Guid) ? NpgsqlTypes.NpgsqlDbType.Uuid : NpgsqlTypes.NpgsqlDbType.Text),
    };

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    private static Guid[]? Guids(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<Guid[]>(i);

    private static string[]? Texts(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<string[]>(i);
}
