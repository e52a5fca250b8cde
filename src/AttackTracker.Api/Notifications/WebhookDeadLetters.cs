using AttackTracker.Api.Store;
using AttackTracker.Domain.Notifications;
using Npgsql;
using static AttackTracker.Api.Notifications.WebhookSql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Deliveries that ran out of attempts or met a permanent refusal (webhook_dead_letters): listed
/// for a subscription's manager, queued for replay, and the replay's outcome.
/// </summary>
public sealed class WebhookDeadLetters(NpgsqlDataSource dataSource, StoreSettings settings, WebhookDeliveries deliveries)
{
    private readonly string _s = "\"" + settings.Schema + "\"";

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
            await deliveries.WakeAsync(cancellationToken);
        }

        return queued;
    }

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
        ExecuteAsync(dataSource, $"""
            UPDATE {_s}.webhook_dead_letters
            SET delivered_at = CASE WHEN $2 THEN now() END,
                replay_due_at = CASE WHEN $3::interval IS NOT NULL THEN now() + $3::interval END,
                replay_attempts = $4, last_error = COALESCE($5, last_error),
                dead_at = CASE WHEN NOT $2 AND $3::interval IS NULL THEN now() ELSE dead_at END
            WHERE id = $1
            """, cancellationToken, deadLetterId, delivered, new NpgsqlParameter { Value = (object?)retryIn ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Interval },
            replayAttempts, Nullable(error));
}
