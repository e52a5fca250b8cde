using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AttackTracker.Api.Health;

public sealed record HealthView(string Status, string Database);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckHealth).WithTags("Health").WithSummary("Healthy when the database answers.");
        return app;
    }

    public static async Task<Results<Ok<HealthView>, ProblemHttpResult>> CheckHealth(NpgsqlDataSource dataSource, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return TypedResults.Ok(new HealthView("healthy", "ok"));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database is not reachable.",
                type: "https://attacktracker.dev/problems/unavailable");
        }
    }
}
