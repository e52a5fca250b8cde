using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>POST /api/groups/{slug}/merges: an editor says two groups are one.</summary>
public static class MergeGroupsEndpoint
{
    public static GroupWrite<GroupMergeRequest, MergeGroup> Write { get; } = new(GroupRequests.Validate, GroupDecisions.Decide, "The merge conflicts with the record.", command => command.Absorbed);

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<GroupMergeRequest, GroupRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Groups")
            .WithSummary("Merges another group (named by any of its names) into this one, with the editor's reason: both streams record it, and its names are this group's from now on.");
    }

    [WolverinePost("/api/groups/{slug}/merges", OperationId = "mergeGroups")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(string slug, HttpContext http, GroupWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, slug, Write);
    }
}
