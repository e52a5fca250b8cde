using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Admin;

public static class VerifyProjectionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<VerifyResult>().WithTags("Admin").WithSummary("Folds every incident afresh and reports any stored read model that differs.");
    }

    [WolverineGet("/api/admin/verify", OperationId = "verifyProjections")]
    [Authorize(Policy = SecuritySetup.EditPolicy)]
    public static async Task<IResult> Get(ProjectionVerifier verifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return TypedResults.Ok(await verifier.VerifyAsync(cancellationToken));
    }
}
