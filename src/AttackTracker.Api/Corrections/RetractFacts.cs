using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Corrections;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Corrections;

public static class RetractFactsEndpoint
{
    // Decided under the incident's lock, against exactly the version it is appended after: facts
    // already retracted are a conflict with the record (409).
    public static readonly IncidentWrite<RetractionRequest, RetractionRequest, CorrectionRecorded> Write = new(
        Validate: (_, body, _, _) => body,
        Decide: CorrectionDecisions.Decide,
        Location: recorded => recorded.Location);

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<RetractionRequest, CorrectionRecorded>(
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Corrections")
            .WithSummary("Retracts facts (entered-in-error or withdrawn-by-source) without deleting anything.");
    }

    [WolverinePost("/api/incidents/{id}/retractions", OperationId = "retractFacts")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(Guid id, HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, id, Write);
    }
}
