using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Admin;

public static class RebuildProjectionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<RebuildResult>().WithTags("Admin").WithSummary("Rebuilds every read model from the events.");
    }

    [WolverinePost("/api/admin/rebuild", OperationId = "rebuildProjections")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> Post(ProjectionRebuilder rebuilder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuilder);
        return TypedResults.Ok(await rebuilder.RebuildAsync(cancellationToken));
    }
}
