using System.Text.Json;
using AttackTracker.EventStore;
using AttackTracker.Incidents;

namespace AttackTracker.Api.Infrastructure;

/// <summary>What a command decided, under the incident's lock.</summary>
public abstract record Decision<T>
{
    /// <summary>Append these events; <c>Result</c> builds the response from the new version.</summary>
    public sealed record Accept(IReadOnlyList<EventData> Events, Func<long, T> Result) : Decision<T>;

    public sealed record Reject(IDictionary<string, string[]> Errors) : Decision<T>;

    public sealed record Conflict(string Title, string Detail) : Decision<T>;
}

public abstract record WriteOutcome<T>
{
    public sealed record Done(T Value, long Version) : WriteOutcome<T>;

    public sealed record Replayed(StoredResponse Response) : WriteOutcome<T>;

    public sealed record NotFound : WriteOutcome<T>;

    public sealed record Stale(long Expected, long Actual) : WriteOutcome<T>;

    public sealed record KeyReused : WriteOutcome<T>;

    public sealed record Rejected(IDictionary<string, string[]> Errors) : WriteOutcome<T>;

    public sealed record Conflicted(string Title, string Detail) : WriteOutcome<T>;
}

/// <summary>The idempotency key of a request and the fingerprint of its method, path and body.</summary>
public sealed record IdempotencyRequest(string Key, byte[] Fingerprint);

/// <summary>
/// Every write to an incident runs here, in one transaction: claim the idempotency key, lock the
/// incident's stream (concurrent writers queue rather than fail), check If-Match against the
/// version seen under the lock, decide, append at exactly that version, store the response under
/// the key, and commit with the inline projections. A rejected or conflicting decision writes
/// nothing, and neither does a failure anywhere before the commit.
/// </summary>
public sealed class IncidentWrites(EventStore.EventStore store, IdempotencyKeys idempotency)
{
    public async Task<WriteOutcome<T>> WriteAsync<T>(
        Guid incidentId,
        long? ifMatch,
        IdempotencyRequest? key,
        Func<EventStoreTransaction, StreamState, CancellationToken, Task<Decision<T>>> decide,
        Func<T, string> location,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(location);
        await using var transaction = await store.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync<T>(transaction, key, cancellationToken) is { } answered)
        {
            return answered;
        }

        var stream = await transaction.LockStreamAsync(incidentId, cancellationToken);
        if (stream is null || stream.Type != EventTypes.IncidentStream)
        {
            return new WriteOutcome<T>.NotFound();
        }

        if (ifMatch is { } expected && expected != stream.Version)
        {
            return new WriteOutcome<T>.Stale(expected, stream.Version);
        }

        switch (await decide(transaction, stream, cancellationToken))
        {
            case Decision<T>.Reject reject:
                return new WriteOutcome<T>.Rejected(reject.Errors);
            case Decision<T>.Conflict conflict:
                return new WriteOutcome<T>.Conflicted(conflict.Title, conflict.Detail);
            case Decision<T>.Accept accept:
                var appended = await transaction.AppendAsync(
                    new StreamAppend(incidentId, EventTypes.IncidentStream, ExpectedVersion.Exactly(stream.Version), accept.Events), cancellationToken);
                var result = accept.Result(appended.Version);
                await CompleteAsync(transaction, key, result, location(result), appended.Version, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new WriteOutcome<T>.Done(result, appended.Version);
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>Claims the key in the write's transaction: null to go ahead, or the answer (a replay, or 422) when it was used.</summary>
    public async Task<WriteOutcome<T>?> ClaimAsync<T>(EventStoreTransaction transaction, IdempotencyRequest? key, CancellationToken cancellationToken) =>
        key is null
            ? null
            : await idempotency.ClaimAsync(transaction, key.Key, key.Fingerprint, cancellationToken) switch
            {
                IdempotencyClaim.Replay replay => new WriteOutcome<T>.Replayed(replay.Response),
                IdempotencyClaim.Mismatch => new WriteOutcome<T>.KeyReused(),
                _ => null,
            };

    /// <summary>Stores the 201 under the key, in the same transaction as the events.</summary>
    public async Task CompleteAsync<T>(EventStoreTransaction transaction, IdempotencyRequest? key, T result, string location, long version, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            await idempotency.CompleteAsync(
                transaction,
                key.Key,
                new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(result, IncidentJson.Options), location, ETags.For(version)),
                cancellationToken);
        }
    }

    /// <summary>Reads the headers every write honours; returns a problem when one is malformed.</summary>
    public static IResult? ReadHeaders(HttpRequest request, out long? ifMatch, out string? key)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = null;
        if (!ETags.TryReadIfMatch(request, out ifMatch))
        {
            return Problems.Field("If-Match", "must be the incident's ETag, a quoted version such as \"7\".");
        }

        var given = request.Headers[IdempotencyKeys.Header].ToString();
        if (given.Length == 0)
        {
            return null;
        }

        if (!IdempotencyKeys.IsValid(given))
        {
            return Problems.Field(IdempotencyKeys.Header, $"must be 1 to {IdempotencyKeys.MaxLength} printable ASCII characters without spaces.");
        }

        key = given;
        return null;
    }

    /// <summary>The HTTP answer for an outcome: 201 with Location and ETag, a replay, or a problem.</summary>
    public static IResult ToResult<T>(WriteOutcome<T> outcome, HttpContext http, Func<T, string> location, string what)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(location);
        switch (outcome)
        {
            case WriteOutcome<T>.Done done:
                http.Response.Headers.ETag = ETags.For(done.Version);
                return TypedResults.Created(location(done.Value), done.Value);
            case WriteOutcome<T>.Replayed replayed:
                http.Response.Headers.ETag = replayed.Response.ETag;
                http.Response.Headers.Location = replayed.Response.Location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Content(replayed.Response.Body, "application/json", System.Text.Encoding.UTF8, replayed.Response.Status);
            case WriteOutcome<T>.Stale stale:
                http.Response.Headers.ETag = ETags.For(stale.Actual);
                return Problems.PreconditionFailed(stale.Expected, stale.Actual);
            case WriteOutcome<T>.KeyReused:
                return Problems.IdempotencyMismatch();
            case WriteOutcome<T>.Rejected rejected:
                return Problems.Validation(rejected.Errors);
            case WriteOutcome<T>.Conflicted conflicted:
                return Problems.Conflict(conflicted.Title, conflicted.Detail);
            default:
                return Problems.NotFound(what);
        }
    }
}
