using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace AttackTracker.Api.Corrections;

public static class RetractFactsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.StartsWrite(typeof(RetractFactsEndpoint), nameof(Read));
        chain.Metadata.DescribedAsWrite<RetractionRequest, CorrectionRecorded>(
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Corrections")
            .WithSummary("Retracts facts (entered-in-error or withdrawn-by-source) without deleting anything.");
    }

    public static (WriteRequest<RetractionRequest>?, IResult) Read(Guid id, HttpRequest request) =>
        WriteRequests.Read<RetractionRequest, RetractionRequest>(request, (body, _) => body, id);

    [WolverinePost("/api/incidents/{id}/retractions", OperationId = "retractFacts")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<(IResult, Events)> Post(
        Guid id,
        [NotBody] WriteRequest<RetractionRequest> request,
        [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<IncidentState> incident,
        IncidentWrites writes,
        TimeProvider clock,
        IDocumentSession session,
        IMessageBus bus,
        HttpContext http,
        CancellationToken cancellationToken) =>
        CorrectionWrites.WriteAsync(id, request, incident, writes, session, bus, http,
            (retraction, state) => CorrectionDecisions.Retract(retraction, state, clock.GetUtcNow()), cancellationToken);
}
