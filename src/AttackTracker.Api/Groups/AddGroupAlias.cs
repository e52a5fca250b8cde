using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>POST /api/groups/{slug}/aliases: another name of the group.</summary>
public static class AddGroupAliasEndpoint
{
    public static GroupWrite<GroupAliasRequest, ChangeGroupAlias> Write { get; } = new((body, errors) => GroupRequests.Validate(body, remove: false, errors), GroupDecisions.Decide, "The alias conflicts with the record.");

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<GroupAliasRequest, GroupRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Groups")
            .WithSummary("Adds a name to the group (by any of its names), with the editor's reason: incidents tied to that spelling count as the group from now on.");
    }

    [WolverinePost("/api/groups/{slug}/aliases", OperationId = "addGroupAlias")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(string slug, HttpContext http, GroupWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, slug, Write);
    }
}
