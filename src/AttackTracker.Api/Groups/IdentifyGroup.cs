using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

/// <summary>POST /api/groups (docs/identity.md, Groups): an editor names a group and its aliases.</summary>
public static class IdentifyGroupEndpoint
{
    public static GroupWrite<GroupRequest, NameGroup> Write { get; } = new((body, errors) => GroupRequests.Validate(body, split: false, errors), GroupDecisions.Decide, "The group conflicts with the record.");

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<GroupRequest, GroupRecorded>(StatusCodes.Status409Conflict)
            .WithTags("Groups")
            .WithSummary("Identifies a perpetrator group: its canonical name and the other names it goes by, with the editor's reason. The statistics count every incident tied to any of its names as this group from now on.");
    }

    [WolverinePost("/api/groups", OperationId = "identifyGroup")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(HttpContext http, GroupWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, null, Write);
    }
}
