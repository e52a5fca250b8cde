using System.Security.Cryptography;
using System.Text;
using AttackTracker.Api.Store;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Http;

/// <summary>The idempotency key of a request and the fingerprint of its method, path and body.</summary>
public sealed record IdempotencyRequest(string Key, byte[] Fingerprint)
{
    public static IdempotencyRequest For(string key, HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var head = Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n");
        return new IdempotencyRequest(key, SHA256.HashData([.. head, .. body]));
    }
}

public sealed record StoredResponse(int Status, string Body, string? Location, string? ETag);

/// <summary>What a key says about a request: go ahead, replay a stored response, or refuse.</summary>
public abstract record IdempotencyClaim
{
    public sealed record Claimed : IdempotencyClaim;

    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Idempotency-Key support, in the write's own transaction. The key is claimed with an INSERT: a
/// concurrent request with the same key waits on the row until the first commits, then replays
/// its response; if the first rolls back, the key is free again. The response is stored in the
/// same unit of work as the events, so a key is kept if and only if its events are. Keys expire
/// after <see cref="Lifetime"/>.
/// </summary>
/// <remarks>
/// Wolverine.Http's [DeduplicatedWithResponse] does most of this too; it is not used because it
/// scopes keys to a caller or endpoint (ours are global, docs/api.md), hashes the query string,
/// and replays status, body and Location but not the ETag a client needs for its next If-Match.
/// </remarks>
public sealed class Idempotency(StoreSettings settings)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly string _claim = $"""
        INSERT INTO "{settings.Schema}".idempotency_keys AS k (key, fingerprint) VALUES ($1, $2)
        ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, location = NULL, etag = NULL, created_at = now()
        WHERE k.created_at < now() - $3::interval
        RETURNING 1
        """;
    private readonly string _read = $"""SELECT fingerprint, status, body, location, etag FROM "{settings.Schema}".idempotency_keys WHERE key = $1""";
    private readonly string _complete = $"""UPDATE "{settings.Schema}".idempotency_keys SET status = ?, body = ?, location = ?, etag = ? WHERE key = ?""";

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>Claims the key inside <paramref name="session"/>'s transaction, which must have begun.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(IDocumentSession session, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        await using (var claim = new NpgsqlCommand(_claim))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Key });
            claim.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = request.Fingerprint });
            claim.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Lifetime });
            await using var claimed = await session.ExecuteReaderAsync(claim, cancellationToken);
            if (await claimed.ReadAsync(cancellationToken))
            {
                return new IdempotencyClaim.Claimed();
            }
        }

        await using var read = new NpgsqlCommand(_read);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Key });
        await using var reader = await session.ExecuteReaderAsync(read, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stored = reader.GetFieldValue<byte[]>(0);
        if (!stored.AsSpan().SequenceEqual(request.Fingerprint) || reader.IsDBNull(1))
        {
            return new IdempotencyClaim.Mismatch();
        }

        return new IdempotencyClaim.Replay(new StoredResponse(
            reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
    }

    /// <summary>Queues the response under the key, into the unit of work that commits the events.</summary>
    public void Complete(IDocumentSession session, string key, StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(response);
        session.QueueSqlCommand(_complete, response.Status, response.Body, response.Location ?? string.Empty, response.ETag ?? string.Empty, key);
    }
}
