using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.Health;

public sealed record HealthView(string Status, string Database);

public static class GetHealthEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<HealthView>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health")
            .WithSummary("Healthy when the database answers.");
    }

    [WolverineGet("/health", OperationId = "getHealth")]
    public static async Task<IResult> Get(NpgsqlDataSource dataSource, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(http);
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
