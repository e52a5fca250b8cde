using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Groups;
using AttackTracker.Domain.Statistics;
using AttackTracker.Domain.Writes;
using JasperFx.Events;
using Marten;

namespace AttackTracker.Api.Groups;

/// <summary>
/// A group write endpoint: how its body validates into a command (400 naming the field), its pure
/// decision, and the name of the other group it writes to (a merge's absorbed group), if any.
/// </summary>
public sealed record GroupWrite<TBody, TCommand>(
    Func<TBody, ValidationErrors, TCommand?> Validate,
    Func<TCommand, GroupContext, Decision<GroupRecorded>> Decide,
    string ConflictTitle,
    Func<TCommand, string>? Joins = null)
    where TCommand : notnull;

/// <summary>
/// The one pipeline of every group write, as <see cref="IncidentWrites"/> is for incidents: the
/// headers and the strict JSON body; one load batch (the rebuild gate, the idempotency claim, the
/// groups' lock, the names every group holds now, the clock); the streams of the groups named;
/// 404, 412, the decision (400 or 409, nothing written); the events with who and why, the
/// identity table's rows and the stored response in one unit of work; 201 with ETag and Location.
/// Group writes are editorial and rare, so they take one lock for all groups: a name belongs to at
/// most one group, and checking that needs every group's names to stand still.
/// </summary>
public sealed class GroupWrites(IDocumentStore store, StoreSettings settings)
{
    /// <summary>Marten's name for the aggregate, in mt_streams.type, of every group stream.</summary>
    public const string StreamType = "group_state";

    public static string Location(string slug) => $"/api/groups/{Uri.EscapeDataString(slug)}";

    /// <summary>Handles one write; <paramref name="slug"/> names the group in the address (null for a create).</summary>
    public async Task<IResult> HandleAsync<TBody, TCommand>(HttpContext http, string? slug, GroupWrite<TBody, TCommand> write)
        where TCommand : notnull
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(write);
        var (request, problem) = WriteRequests.Read<TBody, TCommand>(http.Request, write.Validate);
        if (request is null)
        {
            return problem;
        }

        var cancellationToken = http.RequestAborted;
        var origin = IncidentWrites.Origin(http);
        await using var session = store.LightweightSession();
        session.LastModifiedBy = origin.RecordedBy;
        session.CorrelationId = origin.CorrelationId;
        session.CausationId = origin.CausationId;
        await session.BeginTransactionAsync(cancellationToken);
        var batch = session.CreateBatchQuery();
        _ = batch.AddItem(RebuildGate.Pass(settings.Schema));
        var claim = request.Key is { } key ? batch.AddItem(Idempotency.Claim(settings.Schema, key)) : null;
        _ = batch.AddItem(WriteStatements.Execute("SELECT pg_advisory_xact_lock(hashtextextended(^, 0))", $"attacktracker:groups:{settings.Schema}"));
        var current = batch.AddItem(GroupNamesTable.Current(settings.Schema));
        var now = batch.AddItem(WriteStatements.Clock());
        await batch.Execute(cancellationToken);
        switch (claim is null ? null : await claim)
        {
            case IdempotencyClaim.Replay replay:
                http.Response.Headers.ETag = replay.Response.ETag;
                http.Response.Headers.Location = replay.Response.Location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Content(replay.Response.Body, "application/json", System.Text.Encoding.UTF8, replay.Response.Status);
            case IdempotencyClaim.Mismatch:
                return Problems.IdempotencyMismatch();
        }

        var names = await current;
        var group = GroupState.Initial;
        if (slug is not null)
        {
            if (names.Rows.GetValueOrDefault(GroupNames.Slug(slug)) is not { } row)
            {
                return Problems.NotFound($"Group '{GroupNames.Slug(slug)}'");
            }

            group = await LoadAsync(session, row.GroupId, cancellationToken);
            if (request.IfMatch is { } expected && expected != group.Version)
            {
                http.Response.Headers.ETag = ETags.For(group.Version);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The group has changed since the version in If-Match.",
                    detail: $"If-Match expected version {expected}; the group '{group.Name}' is at version {group.Version}. Read it again and retry.",
                    type: "https://attacktracker.dev/problems/stale-version",
                    extensions: new Dictionary<string, object?> { ["expectedVersion"] = expected, ["actualVersion"] = group.Version });
            }
        }

        var others = new Dictionary<Guid, GroupState>();
        if (write.Joins?.Invoke(request.Command) is { } other)
        {
            if (names.Rows.GetValueOrDefault(GroupNames.Slug(other)) is not { } row)
            {
                return Problems.NotFound($"Group '{GroupNames.Slug(other)}'");
            }

            others[row.GroupId] = row.GroupId == group.Id ? group : await LoadAsync(session, row.GroupId, cancellationToken);
        }

        var decision = write.Decide(request.Command, new GroupContext(group, others, names.Rows, Guid.CreateVersion7));
        if (decision.Invalid is { } invalid)
        {
            return Problems.Validation(invalid.ToDictionary());
        }

        if (decision.Conflict is { } conflict)
        {
            return Problems.Conflict(write.ConflictTitle, conflict);
        }

        var recorded = decision.Response!;
        var at = RecordedAt(await now, names.Latest, [group, .. others.Values]);
        var streams = new Dictionary<Guid, (GroupState Before, IReadOnlyList<NewEvent> Events)>
        {
            [group.Exists ? group.Id : recorded.GroupId] = (group, decision.Events),
        };
        foreach (var (id, events) in decision.Joined ?? new Dictionary<Guid, IReadOnlyList<NewEvent>>())
        {
            streams[id] = (others.GetValueOrDefault(id) ?? GroupState.Initial with { Id = id }, events);
        }

        var after = new List<GroupState>();
        foreach (var (id, (before, events)) in streams)
        {
            var stamped = events.Select(e => Stamp(session, e, at)).ToArray();
            if (before.Exists)
            {
                session.Events.Append(id, before.Version + stamped.Length, stamped);
            }
            else
            {
                session.Events.StartStream<GroupState>(id, stamped);
            }

            after.Add(events.Select((e, i) => (e.Data, before.Version + i + 1, at)).Aggregate(before with { Id = id }, (s, e) => GroupFold.Evolve(s, e.Data, e.Item2, e.at)));
        }

        GroupNamesTable.Queue(session, settings.Schema, GroupNameRows.Changes(streams.Values.Select(s => s.Before), after), at);
        var json = JsonSerializer.Serialize(recorded, IncidentJson.Options);
        var location = Location(recorded.Slug);
        var etag = ETags.For(recorded.Version);
        if (request.Key is { } claimed)
        {
            Idempotency.Complete(session, settings.Schema, claimed.Key, new StoredResponse(StatusCodes.Status201Created, json, location, etag));
        }

        await session.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Location = location;
        return TypedResults.Content(json, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>A group's state, folded from its stream (a handful of events).</summary>
    public static async Task<GroupState> LoadAsync(IQuerySession session, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        return GroupFold.Fold(id, events.Select(e => (e.Data, e.Version, e.Timestamp)));
    }

    /// <summary>
    /// The commit's recorded time: the clock read after the groups' lock, kept after the last
    /// recorded time of every stream written and of the identity table, so that the table's
    /// intervals and each stream stay in order on the recording axis (Sql/0002 checks the streams).
    /// </summary>
    private static DateTimeOffset RecordedAt(DateTimeOffset now, DateTimeOffset? latest, IEnumerable<GroupState> groups)
    {
        var last = groups.Select(g => g.LastRecordedAt).Append(latest).Max();
        return last is { } l && now <= l ? l.AddTicks(TimeSpan.TicksPerMicrosecond) : now;
    }

    private static IEvent Stamp(IDocumentSession session, NewEvent decided, DateTimeOffset at)
    {
        var e = session.Events.BuildEvent(decided.Data);
        e.Id = decided.Id;
        e.Timestamp = at;
        return e;
    }
}
