using System.Security.Cryptography;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Notifications;
using Npgsql;
using static AttackTracker.Api.Notifications.WebhookSql;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// The webhook subscriptions (Sql/0006_notifications.sql). An owner scopes every call: null for an
/// editor, who manages every subscription; a key's name for an analyst, who sees and manages only
/// the subscriptions that key made (<see cref="SubscriptionAccess"/>). Each change is one statement.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource, StoreSettings settings)
{
    private readonly string _s = "\"" + settings.Schema + "\"";

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

    /// <summary>The owner's subscriptions (every one when <paramref name="owner"/> is null), or the one with <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(Guid? id, string? owner, int page, int pageSize, CancellationToken cancellationToken)
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
            WHERE ($1::uuid IS NULL OR s.id = $1) AND ($4::text IS NULL OR s.owner = $4)
            ORDER BY s.created_at, s.id LIMIT $2 OFFSET $3
            """);
        command.Parameters.Add(NullableId(id));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(page - 1) * pageSize });
        command.Parameters.Add(Nullable(owner));
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

    /// <summary>Whether the subscription exists and the owner may manage it.</summary>
    public async Task<bool> ExistsAsync(Guid id, string? owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {_s}.webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner = $2))");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(Nullable(owner));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task<bool> DeleteAsync(Guid id, string? owner, CancellationToken cancellationToken) =>
        await ExecuteAsync(dataSource, $"DELETE FROM {_s}.webhook_subscriptions WHERE id = $1 AND ($2::text IS NULL OR owner = $2)",
            cancellationToken, id, Nullable(owner)) > 0;

    /// <summary>A new secret; the current one keeps signing beside it for <paramref name="overlap"/>. Null when the owner has no such subscription.</summary>
    public async Task<(string Secret, DateTimeOffset PreviousExpiresAt)?> RotateAsync(Guid id, string? owner, TimeSpan overlap, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        await using var command = dataSource.CreateCommand($"""
            UPDATE {_s}.webhook_subscriptions
            SET previous_secret = secret, previous_secret_expires_at = now() + $3::interval, secret = $2
            WHERE id = $1 AND ($4::text IS NULL OR owner = $4) RETURNING previous_secret_expires_at
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = overlap });
        command.Parameters.Add(Nullable(owner));
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
}
