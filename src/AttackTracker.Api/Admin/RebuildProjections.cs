using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Admin;

public static class RebuildProjectionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<RebuildResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("Admin")
            .WithSummary("Rebuilds every read model from the events, or one projection, while reads and writes go on: the read models overwritten in place a chunk of incidents at a time (a write to an incident waits for its chunk), the statistics cleared and refilled; with each part's events, time and rate. /health reports the progress while it runs, and a rebuild a crash interrupted is taken up again at the next start.")
            .WithQuery([new QueryParameter("projection", QueryValue.Choice, "Only this projection (default: all).", Choices: [.. ProjectionRebuilder.Projections, .. ProjectionRebuilder.AsyncProjections])]);
    }

    [WolverinePost("/api/admin/rebuild", OperationId = "rebuildProjections")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> Post(ProjectionRebuilder rebuilder, string? projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuilder);
        if (projection is not null && !ProjectionRebuilder.Projections.Contains(projection) && !ProjectionRebuilder.AsyncProjections.Contains(projection))
        {
            return Problems.Field("projection", $"must be one of {string.Join(", ", ProjectionRebuilder.Projections.Concat(ProjectionRebuilder.AsyncProjections))}.");
        }

        try
        {
            return TypedResults.Ok(await rebuilder.RebuildAsync(projection, cancellationToken));
        }
        catch (NotRunningHereException ex)
        {
            return Problems.Conflict("The projection runs on another node.", ex.Message);
        }
        catch (RebuildRunningException ex)
        {
            return Problems.Conflict("A rebuild is already running.", ex.Message);
        }
    }
}
