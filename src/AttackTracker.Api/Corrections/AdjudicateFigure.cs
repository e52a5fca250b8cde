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

public static class AdjudicateFigureEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.StartsWrite(typeof(AdjudicateFigureEndpoint), nameof(Read));
        chain.Metadata.DescribedAsWrite<AdjudicationRequest, CorrectionRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed)
            .WithTags("Corrections")
            .WithSummary("Fixes a category's best figure until a report published later arrives.");
    }

    public static (WriteRequest<AdjudicationRequest>?, IResult) Read(Guid id, HttpRequest request) =>
        WriteRequests.Read<AdjudicationRequest, AdjudicationRequest>(request, (body, _) => body, id);

    [WolverinePost("/api/incidents/{id}/adjudications", OperationId = "adjudicateFigure")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static Task<(IResult, Events)> Post(
        Guid id,
        [NotBody] WriteRequest<AdjudicationRequest> request,
        [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<IncidentState> incident,
        IncidentWrites writes,
        IDocumentSession session,
        IMessageBus bus,
        HttpContext http,
        CancellationToken cancellationToken) =>
        CorrectionWrites.WriteAsync(id, request, incident, writes, session, bus, http, (adjudication, _) => CorrectionDecisions.Adjudicate(adjudication), cancellationToken);
}
