using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using Marten;
using Marten.Events.Daemon.Coordination;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Admin;

/// <summary>
/// Rebuilds the statistics: their rows are cleared and the subscription's progress set back to 0 (its row removed)
/// in one transaction (with a marker row, Sql/0012), then every range up to the last committed
/// event is folded again by the subscription's own work (<see cref="StatisticsRanges"/>), each
/// range committed with its progress, and the daemon's agent goes on from there. It runs on the
/// node whose daemon runs the subscription (its coordinator is paused meanwhile), or from the command
/// line with the service stopped. Reads answer with what has been folded so far; writes go on. A
/// crash leaves the progress at the last range committed, and the daemon, wherever it runs next,
/// takes the refill up from there; the marker goes once the target is folded.
/// </summary>
public sealed class StatisticsRebuild(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, IServiceProvider services)
{
    /// <summary>How many sequence numbers one range of the refill covers.</summary>
    public const int RangeSize = 20_000;

    private readonly StatisticsRanges _ranges = new(settings.Schema);
    private readonly string _schema = settings.Schema;

    /// <summary>Rebuilds the statistics up to the last event committed now; returns that sequence.</summary>
    public async Task<long> RunAsync(bool commandLine, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        var coordinator = services.GetService<IProjectionCoordinator>();
        var daemon = coordinator?.DaemonForMainDatabase();
        var here = daemon is not null && daemon.CurrentAgents().Any(a => a.Name.Name == StatisticsSubscription.SubscriptionName);
        if (!here && !commandLine)
        {
            throw new NotRunningHereException(StatisticsSubscription.SubscriptionName);
        }

        if (here)
        {
            // The coordinator's leadership loop starts again, within its polling time, any agent it
            // finds stopped: an agent stopped alone would be back mid-refill, folding from sequence 0
            // over the refill's rows and racing it for the progress row. Pausing the coordinator stops
            // its loop and its agents (the live feed's horizon too, until the refill ends) and keeps
            // its leadership, so no other node takes them up meanwhile.
            await coordinator!.PauseAsync();
        }

        try
        {
            var target = await CommittedAsync(cancellationToken);
            await ResetAsync(target, cancellationToken);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            for (long floor = 0; floor < target;)
            {
                var ceiling = Math.Min(target, floor + RangeSize);
                var advance = new NpgsqlBatchCommand($"""
                    INSERT INTO "{_schema}".mt_event_progression (name, last_seq_id, last_updated) VALUES ('{StatisticsSubscription.ProgressName}', $1, now())
                    ON CONFLICT (name) DO UPDATE SET last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated
                    """);
                advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ceiling });
                var (poison, _) = await _ranges.ProcessAsync(connection, floor, ceiling, [advance], cancellationToken);
                if (poison.Count > 0)
                {
                    await using var session = store.LightweightSession();
                    session.Store(poison.ToArray());
                    await session.SaveChangesAsync(cancellationToken);
                }

                floor = ceiling;
                progress?.Report((floor, target));
            }

            return target;
        }
        finally
        {
            if (here)
            {
                // Each agent from its committed progress (for the statistics, where the refill
                // stopped, so the events written meanwhile come next), started here at once: the
                // resumed loop would start them only after its random wait. It finds them running.
                await daemon!.StartAllAsync();
                await coordinator!.ResumeAsync();
            }
        }
    }

    /// <summary>
    /// The last event of the store once every write in flight has committed: the rebuild gate,
    /// closed for a moment, waits for them, and the writes after it draw higher sequence numbers.
    /// </summary>
    private async Task<long> CommittedAsync(CancellationToken cancellationToken)
    {
        await using (await RebuildGate.CloseAsync(dataSource, _schema, cancellationToken))
        {
            await using var command = dataSource.CreateCommand($"""SELECT coalesce(max(seq_id), 0) FROM "{_schema}".mt_events""");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
    }

    private async Task ResetAsync(long target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var marker = new NpgsqlBatchCommand($"""
            INSERT INTO "{_schema}".rebuild_runs (name, projections, target) VALUES ('{RebuildRuns.Statistics}', $1, $2)
            ON CONFLICT (name) DO UPDATE SET target = excluded.target, started_at = now(), run_started_at = now(), run_events_from = 0, updated_at = now()
            """);
        marker.Parameters.Add(new NpgsqlParameter { Value = new[] { StatisticsSubscription.SubscriptionName }, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        marker.Parameters.Add(new NpgsqlParameter<long> { TypedValue = target });
        batch.BatchCommands.Add(marker);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""TRUNCATE "{_schema}".stats_spans, "{_schema}".stats_span_groups"""));
        // No row is the daemon's sequence 0: it inserts the row with the first range it folds.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""DELETE FROM "{_schema}".mt_event_progression WHERE name = '{StatisticsSubscription.ProgressName}'"""));
        // Poison events are recorded again as the refill meets them.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            DELETE FROM "{_schema}".mt_doc_deadletterevent WHERE data->>'projectionName' = '{StatisticsSubscription.SubscriptionName}'
            """));
        if (target == 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""DELETE FROM "{_schema}".rebuild_runs WHERE name = '{RebuildRuns.Statistics}'"""));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
