using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Identity;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>POST /api/incidents/{id}/merges (docs/identity.md): an editor says another incident is this same attack.</summary>
public static class MergeIncidentsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<MergeRequest, MergeRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Incidents")
            .WithSummary("Merges another incident into this one, with the editor's reason: both streams record it, this view folds the facts of both, and the other's address names this one.");
    }

    [WolverinePost("/api/incidents/{id}/merges", OperationId = "mergeIncidents")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(Guid id, HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, id, Write(undo: false));
    }

    /// <summary>A merge or an unmerge: the survivor in the address, the absorbed incident locked beside it (in id order), one event on each.</summary>
    public static IncidentWrite<MergeRequest, MergeIncidents, MergeRecorded> Write(bool undo) => new(
        Validate: (survivor, body, _, errors) => IncidentMerges.Validate(survivor, body, undo, errors),
        Decide: IncidentMerges.Decide,
        Location: recorded => $"/api/incidents/{recorded.SurvivorId}",
        Joins: command => command.Absorbed,
        ConflictTitle: undo ? "The unmerge conflicts with the record." : "The merge conflicts with the record.");
}
