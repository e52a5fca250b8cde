using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>POST /api/groups/{slug}/splits: some of a group's names are another group.</summary>
public static class SplitGroupEndpoint
{
    public static GroupWrite<GroupRequest, NameGroup> Write { get; } = new((body, errors) => GroupRequests.Validate(body, split: true, errors), GroupDecisions.Decide, "The split conflicts with the record.");

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<GroupRequest, GroupRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Groups")
            .WithSummary("Splits names off the group into a new group with its own canonical name, with the editor's reason: incidents tied to the names moved count as the new group from now on.");
    }

    [WolverinePost("/api/groups/{slug}/splits", OperationId = "splitGroup")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(string slug, HttpContext http, GroupWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, slug, Write);
    }
}
