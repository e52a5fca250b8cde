using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>One editorial decision on a group: its stored type, when and by whom it was recorded, why, and the event itself.</summary>
public sealed record GroupHistoryEntry(long Version, string Type, DateTimeOffset RecordedAt, string RecordedBy, string? Reason, object Event);

/// <summary>A group's stream: the decisions that made it what it is, oldest first.</summary>
public sealed record GroupHistoryView(Guid GroupId, string Slug, string Name, long Version, IReadOnlyList<GroupHistoryEntry> Items);

/// <summary>GET /api/groups/{slug}/history: the editorial events of the group that holds the name, with who, when and why.</summary>
public static class GetGroupHistoryEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<GroupHistoryView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Groups")
            .WithSummary("The editorial history of the group that holds this name: its identification, aliases, merges and splits, each with who recorded it, when and why.");
    }

    [WolverineGet("/api/groups/{slug}/history", OperationId = "getGroupHistory")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(string slug, GroupNamesTable names, IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(store);
        var key = GroupNames.Slug(slug);
        if ((await names.RowsAsync(null, cancellationToken)).Find(r => r.Slug == key) is not { } row)
        {
            return Problems.NotFound($"Group '{key}'");
        }

        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(row.GroupId, token: cancellationToken);
        var items = events.Select(e => new GroupHistoryEntry(
            e.Version, e.EventTypeName, e.Timestamp, e.UserName ?? IncidentFold.Anonymous, e.Data.GetType().GetProperty("Reason")?.GetValue(e.Data) as string, e.Data)).ToList();
        return TypedResults.Ok(new GroupHistoryView(row.GroupId, row.CanonicalSlug, row.CanonicalName, events.Count == 0 ? 0 : events[^1].Version, items));
    }
}
