using AttackTracker.Api.Admin;
using AttackTracker.Api.Store;
using Marten.Events.Daemon.Coordination;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.Health;

/// <summary>
/// The service's health, how far the daemon has got, and whether this node runs the async
/// projections (Daemon "running") or stands by to take them over when the node that runs them
/// stops ("standby"): one node at a time runs them (docs/stats.md). Connections: which server each
/// of this node's pools reaches, primary or standby, and the replication lag it sees (docs/operations.md).
/// While a rebuild is not done (running, or interrupted and about to be taken up again), the status
/// is "rebuilding" and <see cref="Rebuild"/> gives each part's progress: events done and left, rate, time left.
/// </summary>
public sealed record HealthView(
    string Status, string Database, EventProgress? Events = null, string? Daemon = null, IReadOnlyList<DatabaseConnection>? Connections = null, IReadOnlyList<RebuildProgress>? Rebuild = null);

public static class GetHealthEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<HealthView>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health")
            .WithSummary("Healthy when the database answers (rebuilding while a rebuild is not done, with its progress); with how far each async projection of the daemon has caught up.");
    }

    [WolverineGet("/health", OperationId = "getHealth")]
    public static async Task<IResult> Get(
        DaemonProgress progress, RebuildRuns rebuilds, DatabaseRoles roles, IProjectionCoordinator coordinator, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(rebuilds);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var daemon = coordinator.DaemonForMainDatabase().CurrentAgents().Count > 0 ? "running" : "standby";
            var events = await progress.ReadAsync(cancellationToken);
            var rebuild = await rebuilds.ReadAsync(cancellationToken);
            var connections = await roles.ReadAsync(cancellationToken);
            return TypedResults.Ok(new HealthView(rebuild.Count > 0 ? "rebuilding" : "healthy", "ok", events, daemon, connections, rebuild.Count > 0 ? rebuild : null));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || Store.DatabaseFailures.IsUnavailable(ex))
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database is not reachable.",
                type: "https://attacktracker.dev/problems/unavailable");
        }
    }
}
