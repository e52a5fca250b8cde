using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace AttackTracker.Api.Http;

/// <summary>
/// The steps every write to an incident takes inside its transaction, once Wolverine's aggregate
/// workflow holds the incident's stream lock (<c>FetchForExclusiveWriting</c>): claim the
/// idempotency key, answer 404 for an incident that does not exist, compare If-Match with the
/// version seen under the lock, and record who wrote and why. Concurrent writers of one incident
/// queue on the lock rather than fail, so a write without If-Match never loses a race.
/// </summary>
public sealed class IncidentWrites(Idempotency idempotency, RecordingClock clock, ChangeLog changes)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// Begins a write. <paramref name="incident"/> is the locked stream, or null when the write
    /// opens a new incident. The answer is set when the request stops here.
    /// </summary>
    public async Task<IncidentWrite> BeginAsync<T>(
        WriteRequest<T> request, IEventStream<IncidentState>? incident, IDocumentSession session, HttpContext http, Guid incidentId, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        await session.BeginTransactionAsync(cancellationToken);
        var write = new IncidentWrite(this, session, http, request.Key);
        if (request.Key is { } key)
        {
            switch (await idempotency.ClaimAsync(session, key, cancellationToken))
            {
                case IdempotencyClaim.Replay replay:
                    return write.Stop(Replayed(http, replay.Response));
                case IdempotencyClaim.Mismatch:
                    return write.Stop(Problems.IdempotencyMismatch());
            }
        }

        if (incident is not null)
        {
            if (incident.Aggregate is not { Opened: not null } state)
            {
                return write.Stop(Problems.NotFound($"Incident {incidentId}"));
            }

            if (request.IfMatch is { } expected && expected != state.Version)
            {
                http.Response.Headers.ETag = ETags.For(state.Version);
                return write.Stop(Problems.PreconditionFailed(expected, state.Version));
            }
        }

        session.LastModifiedBy = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : IncidentFold.Anonymous;
        session.CorrelationId = CorrelationId(http);
        session.CausationId = CausationId(http);
        return write;
    }

    /// <summary>
    /// The request that caused the events: its W3C id (traceparent form, trace id and span id), so
    /// the events of one request share it and it leads to that request in the logs and traces.
    /// </summary>
    public static string CausationId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Activity.Current?.Id ?? http.TraceIdentifier;
    }

    /// <summary>The request's X-Correlation-Id when it is 1 to 100 printable ASCII characters, else its W3C trace id.</summary>
    public static string CorrelationId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var given = http.Request.Headers[CorrelationHeader].ToString();
        return given.Length is > 0 and <= 100 && given.All(c => c is >= '!' and <= '~')
            ? given
            : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
    }

    internal Task<DateTimeOffset> NowAsync(IDocumentSession session, DateTimeOffset? after, CancellationToken cancellationToken) =>
        clock.NowAsync(session, after, cancellationToken);

    internal ValueTask RecordChangesAsync(IDocumentSession session, IMessageBus bus, Guid incidentId, IncidentState before, IReadOnlyList<IEvent> events) =>
        changes.RecordAsync(session, bus, incidentId, before, events);

    internal void Complete(IDocumentSession session, string key, StoredResponse response) => idempotency.Complete(session, key, response);

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Replayed(HttpContext http, StoredResponse response)
    {
        http.Response.Headers.ETag = response.ETag;
        http.Response.Headers.Location = response.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Content(response.Body, "application/json", System.Text.Encoding.UTF8, response.Status);
    }
}

/// <summary>One write in progress. Either <see cref="Answer"/> says why it stopped, or it goes on.</summary>
public sealed class IncidentWrite
{
    private readonly IncidentWrites _writes;
    private readonly IDocumentSession _session;
    private readonly HttpContext _http;
    private readonly IdempotencyRequest? _key;

    internal IncidentWrite(IncidentWrites writes, IDocumentSession session, HttpContext http, IdempotencyRequest? key)
    {
        _writes = writes;
        _session = session;
        _http = http;
        _key = key;
    }

    public IResult? Answer { get; private set; }

    /// <summary>
    /// The commit's recorded time. Call it once every lock the write takes is held: it is read
    /// from the database after them (<see cref="RecordingClock"/>), and kept after <paramref name="after"/>.
    /// </summary>
    public Task<DateTimeOffset> RecordedAtAsync(DateTimeOffset? after, CancellationToken cancellationToken) =>
        _writes.NowAsync(_session, after, cancellationToken);

    /// <summary>An event for Marten with its id, the commit's recorded time and its headers.</summary>
    public IEvent Stamp(object data, DateTimeOffset recordedAt, Guid? id = null, IReadOnlyDictionary<string, string>? headers = null) =>
        _session.Stamp(data, recordedAt, id, headers);

    /// <summary>
    /// Records the notifications of the events this write appends to the incident (state
    /// <paramref name="before"/>), in its transaction, with their outbox message on <paramref name="bus"/>.
    /// </summary>
    public ValueTask RecordChangesAsync(IMessageBus bus, Guid incidentId, IncidentState before, IReadOnlyList<IEvent> events) =>
        _writes.RecordChangesAsync(_session, bus, incidentId, before, events);

    /// <summary>201 with Location and the incident's new version as ETag; stored under the idempotency key too.</summary>
    public IResult Created<T>(T body, string location, long version)
    {
        var json = JsonSerializer.Serialize(body, IncidentJson.Options);
        var etag = ETags.For(version);
        if (_key is not null)
        {
            _writes.Complete(_session, _key.Key, new StoredResponse(StatusCodes.Status201Created, json, location, etag));
        }

        _http.Response.Headers.ETag = etag;
        _http.Response.Headers.Location = location;
        return TypedResults.Content(json, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    internal IncidentWrite Stop(IResult answer)
    {
        Answer = answer;
        return this;
    }
}
