using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Audit;
using AttackTracker.Domain.Reports;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.TimeTravel;

public sealed record FigureSeriesView(Guid IncidentId, CasualtyCategory Category, IReadOnlyList<FigurePoint> Points);

public static class GetFiguresEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<FigureSeriesView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Time travel and audit")
            .WithSummary("A casualty category's figure after each report, in publication order.");
    }

    [WolverineGet("/api/incidents/{id}/figures/{category}", OperationId = "getFigureSeries")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid id, string category, IQuerySession session, IncidentReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        CasualtyCategory? parsed = category switch
        {
            "killed" => CasualtyCategory.Killed,
            "wounded" => CasualtyCategory.Wounded,
            "perpetratorsKilled" => CasualtyCategory.PerpetratorsKilled,
            "perpetratorsWounded" => CasualtyCategory.PerpetratorsWounded,
            "hostages" => CasualtyCategory.Hostages,
            _ => null,
        };
        if (parsed is not { } known)
        {
            return Problems.Field("category", "must be killed, wounded, perpetratorsKilled, perpetratorsWounded or hostages.");
        }

        var state = await reader.StateAsync(session, id, cancellationToken);
        return state is null
            ? Problems.NotFound($"Incident {id}")
            : TypedResults.Ok(new FigureSeriesView(id, known, FigureSeries.Build(id, state, known)));
    }
}
