using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>GET /api/incidents/{id}/figures (docs/identity.md): where the records disagree, at any point the incident view answers for.</summary>
public static class CompareFiguresEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<FigureComparisonView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Incidents")
            .WithQuery(OpenApiMetadata.TimePoint())
            .WithSummary("Each casualty figure as each source and data set reports it (value, qualifier, report, publication date, grade) beside the reconciled low, best and high, and whether the reports agree; with asOf, recordedAsOf and/or version, at that point.");
    }

    [WolverineGet("/api/incidents/{id}/figures", OperationId = "compareFigures")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(machine);
        var errors = new ValidationErrors();
        var point = TimePoints.Read(string.Empty, http.Request.Query, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await machine.StateAsync(session, id, point?.Version, point?.RecordedAsOf, cancellationToken) switch
        {
            PastState.Found found => TypedResults.Ok(FigureComparisons.Of(id, await machine.WithAbsorbedAsync(session, found.State, cancellationToken), point ?? ViewPoint.Current)),
            PastState.BeyondEnd beyond => Problems.NotFound($"Version {beyond.Requested} of incident {id} (the stream is at version {beyond.Current})"),
            _ => Problems.NotFound($"Incident {id}"),
        };
    }
}
