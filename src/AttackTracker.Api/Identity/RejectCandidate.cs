using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>POST /api/incidents/{id}/candidates/{otherId}/rejections (docs/identity.md): an editor says the two are not the same attack.</summary>
public static class RejectCandidateEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<CandidateRejectionRequest, CandidateRejectionRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Incidents")
            .WithSummary("Rejects another incident as a duplicate of this one, with the editor's reason: the pair is not proposed again, from either side.");
    }

    [WolverinePost("/api/incidents/{id}/candidates/{otherId}/rejections", OperationId = "rejectCandidate")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> Post(Guid id, Guid otherId, HttpContext http, IncidentWrites writes, IQuerySession session, IncidentReader reader)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(reader);
        // Incidents are never deleted, so the other one, once found, stays for the write that follows.
        if (otherId != id && await reader.VersionAsync(session, otherId, http.RequestAborted) is null)
        {
            return Problems.NotFound($"Incident {otherId}");
        }

        return await writes.HandleAsync(http, id, new IncidentWrite<CandidateRejectionRequest, RejectCandidate, CandidateRejectionRecorded>(
            Validate: (incident, body, _, errors) => CandidateRejections.Validate(incident, otherId, body, errors),
            Decide: CandidateRejections.Decide,
            Location: recorded => $"/api/incidents/{recorded.IncidentId}/candidates"));
    }
}
