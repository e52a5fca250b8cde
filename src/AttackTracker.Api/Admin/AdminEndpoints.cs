using AttackTracker.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AttackTracker.Api.Admin;

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(SecuritySetup.EditPolicy);
        group.MapPost("/rebuild", Rebuild).WithSummary("Rebuilds every read model from the events.");
        group.MapGet("/verify", Verify).WithSummary("Folds every incident afresh and reports any stored view that differs.");
        return app;
    }

    public static async Task<Ok<RebuildResult>> Rebuild(ProjectionRebuilder rebuilder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuilder.RebuildAsync(cancellationToken));

    public static async Task<Ok<VerifyResult>> Verify(ProjectionRebuilder rebuilder, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuilder.VerifyAsync(cancellationToken));
}
