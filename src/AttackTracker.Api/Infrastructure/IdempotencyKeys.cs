using System.Security.Cryptography;
using System.Text;
using AttackTracker.EventStore;
using Npgsql;

namespace AttackTracker.Api.Infrastructure;

public sealed record StoredResponse(int Status, string Body, string? Location, string? ETag);

/// <summary>What a key says about a request: go ahead, replay a stored response, or refuse.</summary>
public abstract record IdempotencyClaim
{
    public sealed record Claimed : IdempotencyClaim;

    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Idempotency-Key support. The key is claimed inside the write's transaction: a concurrent
/// request with the same key waits on the row until the first commits, then replays its
/// response; if the first rolls back, the key is free again. Keys expire after <see cref="Lifetime"/>.
/// </summary>
public sealed class IdempotencyKeys(string schema)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly string _claim = $"""
        INSERT INTO {schema}.idempotency_keys AS k (key, fingerprint) VALUES ($1, $2)
        ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, location = NULL, etag = NULL, created_at = now()
        WHERE k.created_at < now() - $3::interval
        RETURNING 1
        """;
    private readonly string _read = $"SELECT fingerprint, status, body, location, etag FROM {schema}.idempotency_keys WHERE key = $1";
    private readonly string _complete = $"UPDATE {schema}.idempotency_keys SET status = $2, body = $3, location = $4, etag = $5 WHERE key = $1";

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');

    public static byte[] Fingerprint(HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n");
        return SHA256.HashData([.. head, .. body]);
    }

    public async Task<IdempotencyClaim> ClaimAsync(EventStoreTransaction transaction, string key, byte[] fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using (var claim = transaction.CreateCommand(_claim))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            claim.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = fingerprint });
            claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Lifetime });
            if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return new IdempotencyClaim.Claimed();
            }
        }

        await using var read = transaction.CreateCommand(_read);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stored = reader.GetFieldValue<byte[]>(0);
        if (!stored.AsSpan().SequenceEqual(fingerprint) || reader.IsDBNull(1))
        {
            return new IdempotencyClaim.Mismatch();
        }

        return new IdempotencyClaim.Replay(new StoredResponse(
            reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
    }

    public async Task CompleteAsync(EventStoreTransaction transaction, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(response);
        await using var command = transaction.CreateCommand(_complete);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = response.Status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = response.Body });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Location ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.ETag ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
