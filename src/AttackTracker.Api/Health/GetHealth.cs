using AttackTracker.Api.Store;
using Npgsql;
using Wolverine.Http;

namespace AttackTracker.Api.Health;

/// <summary>How far one async shard of Marten's daemon has got: the last sequence it folded in, and how many it is behind.</summary>
public sealed record ProjectionLag(string Name, long LastSequence, long Lag);

/// <summary>
/// The event log's last sequence number drawn, the daemon's high-water mark (below it every
/// transaction has ended), and each async shard's progress and lag behind the last sequence.
/// </summary>
public sealed record EventProgress(long LastSequence, long HighWaterMark, IReadOnlyList<ProjectionLag> Projections);

public sealed record HealthView(string Status, string Database, EventProgress? Events = null);

public static class GetHealthEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<HealthView>().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Health")
            .WithSummary("Healthy when the database answers; with how far each async projection of the daemon has caught up.");
    }

    [WolverineGet("/health", OperationId = "getHealth")]
    public static async Task<IResult> Get(NpgsqlDataSource dataSource, StoreSettings settings, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            // One round trip on two tiny tables: the sequence's last value and the progression rows.
            await using var command = dataSource.CreateCommand($"""
                SELECT 0, '', CASE WHEN is_called THEN last_value ELSE 0 END FROM "{settings.Schema}".mt_events_sequence
                UNION ALL
                SELECT 1, name, last_seq_id FROM "{settings.Schema}".mt_event_progression
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long last = 0, highWaterMark = 0;
            var shards = new List<(string Name, long Sequence)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var (name, sequence) = (reader.GetString(1), reader.GetInt64(2));
                if (reader.GetInt32(0) == 0)
                {
                    last = sequence;
                }
                else if (name == "HighWaterMark")
                {
                    highWaterMark = sequence;
                }
                else if (name.Contains(':', StringComparison.Ordinal))
                {
                    // A shard is "{projection}:{shard}"; the daemon keeps rows of its own beside them (HighWaterAllocationFence).
                    shards.Add((name, sequence));
                }
            }

            last = Math.Max(last, Math.Max(highWaterMark, shards.Count == 0 ? 0 : shards.Max(s => s.Sequence)));
            var projections = shards.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new ProjectionLag(s.Name, s.Sequence, Math.Max(0, last - s.Sequence))).ToList();
            return TypedResults.Ok(new HealthView("healthy", "ok", new EventProgress(last, highWaterMark, projections)));
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
