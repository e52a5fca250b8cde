using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>POST /api/groups/{slug}/alias-removals: a name that is not the group after all.</summary>
public static class RemoveGroupAliasEndpoint
{
    public static GroupWrite<GroupAliasRequest, ChangeGroupAlias> Write { get; } = new((body, errors) => GroupRequests.Validate(body, remove: true, errors), GroupDecisions.Decide, "The alias removal conflicts with the record.");

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<GroupAliasRequest, GroupRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Groups")
            .WithSummary("Removes an alias from the group, with the editor's reason: incidents tied to that spelling count as its own group from now on.");
    }

    [WolverinePost("/api/groups/{slug}/alias-removals", OperationId = "removeGroupAlias")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(string slug, HttpContext http, GroupWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, slug, Write);
    }
}
