using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Api.Http;

/// <summary>
/// A write endpoint: how its body validates into a command (400 naming the field, nothing
/// written), the incident it writes to, the source its report names, the stored documents it cites,
/// its pure decision, and where the created resource lives. <see cref="Joins"/> names a second
/// incident the write locks and appends to in the same commit (a merge's absorbed incident).
/// </summary>
public sealed record IncidentWrite<TBody, TCommand, TResponse>(
    Func<Guid, TBody, DateTimeOffset, ValidationErrors, TCommand?> Validate,
    Func<TCommand, WriteContext, Decision<TResponse>> Decide,
    Func<TResponse, string> Location,
    Func<TCommand, SourceRequest?>? Source = null,
    Func<TCommand, Guid>? Opens = null,
    Func<TCommand, IReadOnlyCollection<string>>? Documents = null,
    Func<TCommand, Guid>? Joins = null,
    string ConflictTitle = "The correction conflicts with the record.")
    where TCommand : notnull
    where TResponse : class;

/// <summary>
/// The one pipeline of every write to an incident: read the headers and the strict JSON body, and
/// validate; load in one batch (the idempotency claim, the incident under its lock, the source,
/// the recorded time last: <see cref="WriteUnit"/>); answer a replay, 404 or 412 from what was
/// loaded; decide; append with who and why, the notifications and the response stored under the
/// key; commit; 201 with ETag and Location. Concurrent writers of one incident queue on its lock
/// rather than fail, so a write without If-Match never loses a race.
/// </summary>
public sealed class IncidentWrites(WriteUnits units, StoreSettings settings, TimeProvider clock)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Handles one write request; <paramref name="incidentId"/> is the route's incident (a write that opens one takes its id from the command).</summary>
    public async Task<IResult> HandleAsync<TBody, TCommand, TResponse>(HttpContext http, Guid incidentId, IncidentWrite<TBody, TCommand, TResponse> write)
        where TCommand : notnull
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(write);
        var now = clock.GetUtcNow();
        var (request, problem) = WriteRequests.Read<TBody, TCommand>(http.Request, (body, errors) => write.Validate(incidentId, body, now, errors), write.Opens is null ? incidentId : null);
        if (request is null)
        {
            return problem;
        }

        var cancellationToken = http.RequestAborted;
        var command = request.Command;
        var id = write.Opens?.Invoke(command) ?? incidentId;
        var source = write.Source?.Invoke(command);
        var joined = write.Joins?.Invoke(command);
        var load = new WriteLoad(write.Opens is not null ? [] : joined is { } other ? [id, other] : [id], source is null ? [] : [source], write.Documents?.Invoke(command));
        Task<IdempotencyClaim>? claim = null;
        await using var unit = await units.BeginAsync(Origin(http), load, cancellationToken, request.Key is { } key ? batch => claim = batch.AddItem(Idempotency.Claim(settings.Schema, key)) : null);
        switch (claim is null ? null : await claim)
        {
            case IdempotencyClaim.Replay replay:
                return Replayed(http, replay.Response);
            case IdempotencyClaim.Mismatch:
                return Problems.IdempotencyMismatch();
        }

        if (write.Opens is null && Refused(http, unit.Incident(id), request.IfMatch, absorbable: joined is null) is { } refused)
        {
            return refused;
        }

        if (joined is { } joins && unit.Incident(joins) is { Exists: false } or { IsIncident: false })
        {
            return Problems.NotFound($"Incident {joins}");
        }

        var context = unit.Context(id, now, source);
        var decision = write.Decide(command, joined is { } locked ? context with { Others = new Dictionary<Guid, IncidentState> { [locked] = unit.Incident(locked).State } } : context);
        if (decision.Invalid is { } invalid)
        {
            return Problems.Validation(invalid.ToDictionary());
        }

        if (decision.Conflict is { } conflict)
        {
            return Problems.Conflict(write.ConflictTitle, conflict);
        }

        unit.Append(id, decision, source);
        foreach (var (joinedId, events) in decision.Joined ?? new Dictionary<Guid, IReadOnlyList<NewEvent>>())
        {
            unit.Append(joinedId, Decision.Accept(decision.Response!, events));
        }

        var json = JsonSerializer.Serialize(decision.Response, IncidentJson.Options);
        var location = write.Location(decision.Response!);
        var etag = ETags.For(unit.Incident(id).Version);
        if (request.Key is { } claimed)
        {
            Idempotency.Complete(unit.Session, settings.Schema, claimed.Key, new StoredResponse(StatusCodes.Status201Created, json, location, etag));
        }

        await unit.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Location = location;
        return TypedResults.Content(json, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>Who writes (the key's name), the correlation id the request names, and the request that caused the events.</summary>
    public static WriteOrigin Origin(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var recordedBy = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : IncidentFold.Anonymous;
        return new WriteOrigin(recordedBy, CorrelationId(http), CausationId(http));
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

    /// <summary>
    /// 404 for an id that names no incident (or another kind of stream); 412 when If-Match names
    /// another version; 409 for an incident merged into another (its facts are read through its
    /// survivor, whose view would not show a change made here), unless the write is a merge, which decides that itself.
    /// </summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Refused(HttpContext http, LoadedIncident incident, long? ifMatch, bool absorbable)
    {
        if (!incident.Exists || !incident.IsIncident)
        {
            return Problems.NotFound($"Incident {incident.Id}");
        }

        if (absorbable && incident.State.MergedInto is { } survivor)
        {
            return Problems.Conflict("The incident is merged into another.", $"Incident {incident.Id} is merged into incident {survivor.OtherId}: write to that one, or unmerge them first.");
        }

        if (ifMatch is { } expected && expected != incident.Version)
        {
            http.Response.Headers.ETag = ETags.For(incident.Version);
            return Problems.PreconditionFailed(expected, incident.Version);
        }

        return null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Replayed(HttpContext http, StoredResponse response)
    {
        http.Response.Headers.ETag = response.ETag;
        http.Response.Headers.Location = response.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Content(response.Body, "application/json", System.Text.Encoding.UTF8, response.Status);
    }
}
