using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>POST /api/incidents/{id}/unmerges (docs/identity.md): an editor undoes a merge; the absorbed incident is its own again.</summary>
public static class UnmergeIncidentsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<MergeRequest, MergeRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Incidents")
            .WithSummary("Undoes the merge of another incident into this one, with the editor's reason: both streams record it, and the other incident is its own again from then on.");
    }

    [WolverinePost("/api/incidents/{id}/unmerges", OperationId = "unmergeIncidents")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(Guid id, HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, id, MergeIncidentsEndpoint.Write(undo: true));
    }
}
