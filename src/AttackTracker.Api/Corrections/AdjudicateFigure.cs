using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Corrections;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Corrections;

public static class AdjudicateFigureEndpoint
{
    public static readonly IncidentWrite<AdjudicationRequest, AdjudicationRequest, CorrectionRecorded> Write = new(
        Validate: (_, body, _, _) => body,
        Decide: CorrectionDecisions.Decide,
        Location: recorded => recorded.Location);

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<AdjudicationRequest, CorrectionRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Corrections")
            .WithSummary("Fixes a category's best figure until a report published later arrives.");
    }

    [WolverinePost("/api/incidents/{id}/adjudications", OperationId = "adjudicateFigure")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<IResult> Post(Guid id, HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, id, Write);
    }
}
