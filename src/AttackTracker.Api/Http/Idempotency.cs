using System.Security.Cryptography;
using System.Text;
using AttackTracker.Api.Store;
using Marten;

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
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>
    /// The claim and, when the key was taken already, the stored answer: two statements of the
    /// write's load batch, after which the claimed row is locked by this transaction or committed by another.
    /// </summary>
    internal static WriteStatement<IdempotencyClaim> Claim(string schema, IdempotencyRequest request) => new(
        [
            $"""
            INSERT INTO "{schema}".idempotency_keys AS k (key, fingerprint) VALUES (^, ^)
            ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, body = NULL, location = NULL, etag = NULL, created_at = now()
            WHERE k.created_at < now() - ^::interval
            RETURNING 1
            """,
            $"""SELECT fingerprint, status, body, location, etag FROM "{schema}".idempotency_keys WHERE key = ^""",
        ],
        [request.Key, request.Fingerprint, Lifetime, request.Key],
        async (reader, token) =>
        {
            var claimed = await reader.ReadAsync(token);
            await reader.NextResultAsync(token);
            if (claimed)
            {
                return new IdempotencyClaim.Claimed();
            }

            await reader.ReadAsync(token);
            var stored = reader.GetFieldValue<byte[]>(0);
            if (!stored.AsSpan().SequenceEqual(request.Fingerprint) || reader.IsDBNull(1))
            {
                return new IdempotencyClaim.Mismatch();
            }

            return new IdempotencyClaim.Replay(new StoredResponse(
                reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        });

    /// <summary>Queues the response under the key, into the unit of work that commits the events.</summary>
    internal static void Complete(IDocumentSession session, string schema, string key, StoredResponse response) =>
        session.QueueSqlCommand(
            $"""UPDATE "{schema}".idempotency_keys SET status = ?, body = ?, location = ?, etag = ? WHERE key = ?""",
            response.Status, response.Body, response.Location ?? string.Empty, response.ETag ?? string.Empty, key);
}
