using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Security;
using AttackTracker.EventStore;
using AttackTracker.Incidents.Corrections;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Corrections;

public sealed record CorrectionRecorded(Guid IncidentId, Guid EventId, long Version, object Correction);

public static class CorrectionEndpoints
{
    public static IEndpointRouteBuilder MapCorrections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents/{id:guid}").WithTags("Corrections").RequireAuthorization(SecuritySetup.EditPolicy);
        group.MapPost("/retractions", Retract)
            .DescribedAsWrite<RetractionRequest, CorrectionRecorded>(
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Retracts facts (entered-in-error or withdrawn-by-source) without deleting anything.");
        group.MapPost("/adjudications", Adjudicate)
            .DescribedAsWrite<AdjudicationRequest, CorrectionRecorded>(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed)
            .WithSummary("Fixes a category's best figure until a report published later arrives.");
        return app;
    }

    public static Task<IResult> Retract(Guid id, HttpContext http, IncidentWrites writes, IncidentRows rows, TimeProvider clock, CancellationToken cancellationToken) =>
        WriteAsync<RetractionRequest>(id, http, writes, rows, (request, state) => CorrectionDecisions.Retract(request, state, clock.GetUtcNow()), cancellationToken);

    public static Task<IResult> Adjudicate(Guid id, HttpContext http, IncidentWrites writes, IncidentRows rows, CancellationToken cancellationToken) =>
        WriteAsync<AdjudicationRequest>(id, http, writes, rows, (request, _) => CorrectionDecisions.Adjudicate(request), cancellationToken);

    private static async Task<IResult> WriteAsync<TRequest>(
        Guid id, HttpContext http, IncidentWrites writes, IncidentRows rows, Func<TRequest, IncidentState, CorrectionDecision> decide, CancellationToken cancellationToken)
    {
        if (IncidentWrites.ReadHeaders(http.Request, out var ifMatch, out var key) is { } badHeader)
        {
            return badHeader;
        }

        var body = await JsonBody.ReadAsync<TRequest>(http.Request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var context = WriteContext.From(http);
        var idempotency = key is null ? null : new IdempotencyRequest(key, IdempotencyKeys.Fingerprint(http.Request, body.Raw));
        var outcome = await writes.WriteAsync<CorrectionRecorded>(id, ifMatch, idempotency, async (transaction, _, ct) =>
        {
            // Read under the stream lock, so the decision sees exactly the version it appends after.
            var state = await rows.LoadStateAsync(transaction.Connection, transaction.Transaction, id, ct) ?? IncidentState.Initial;
            var decision = decide(body.Value!, state);
            if (!decision.Errors.IsEmpty)
            {
                return new Decision<CorrectionRecorded>.Reject(decision.Errors.ToDictionary());
            }

            if (decision.Conflict is { } conflict)
            {
                return new Decision<CorrectionRecorded>.Conflict("The correction conflicts with the record.", conflict);
            }

            var eventId = Guid.CreateVersion7();
            return new Decision<CorrectionRecorded>.Accept(
                [new EventData(decision.Event!, context.Metadata(), eventId)],
                version => new CorrectionRecorded(id, eventId, version, decision.Event!));
        }, Location, cancellationToken);
        return IncidentWrites.ToResult(outcome, http, Location, $"Incident {id}");
    }

    private static string Location(CorrectionRecorded recorded) => $"/api/incidents/{recorded.IncidentId}/events?fromVersion={recorded.Version}&limit=1";
}
