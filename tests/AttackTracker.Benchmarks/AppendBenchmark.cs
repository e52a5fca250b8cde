using AttackTracker.Api.Store;
using Marten;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Appends through Marten as the service configures it (quick appends with server-stamped times, metadata, auto-prepared statements, the hash-chain and
/// recording-axis trigger, each commit stamped by the database's clock) against plain multi-row
/// INSERTs of the same rows into the peers' physical table, in the same run: 1 and 10 events per
/// append, 1 and 8 writers, each writer filling its own streams of 20 events with the expected
/// version checked on every append. A third row, Marten alone (its own client timestamps, none of
/// the project's SQL), shows what the project's additions cost. Every run starts from empty
/// tables and a CHECKPOINT.
/// </summary>
public sealed class AppendBenchmark(BenchContext context)
{
    public const string Bare = "ours-marten";
    public const int StreamLength = 20;
    private const string LibrarySchema = "bench_append";
    private const string BareSchema = "bench_append_marten";
    private const string RawSchema = "bench_append_raw";
    private static readonly int[] Batches = [1, 10];
    private static readonly int[] WriterCounts = [1, 8];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = context.CreateDataSource();
        var raw = new RawEventsTable(RawSchema);
        context.Say("append: warming up (JIT, connections)");
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, context.Options.Seconds / 4));
        await MeasureAsync(LibrarySchema, stamped: true, 2, 10, warmUp, dataSource, raw, cancellationToken);
        await FreshAsync(dataSource, raw, cancellationToken);
        await LoadLoop.RunAsync(2, warmUp, _ => RawWriter(dataSource, raw, 10), cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var batch in Batches)
            {
                foreach (var writers in WriterCounts)
                {
                    var configuration = $"{batch} ev/append, {writers} writer(s)";
                    var ours = await MeasureAsync(LibrarySchema, stamped: true, writers, batch, context.Options.WriteDuration, dataSource, raw, cancellationToken);
                    Record(ResultSink.Ours, configuration, run, ours);
                    var bare = await MeasureAsync(BareSchema, stamped: false, writers, batch, context.Options.WriteDuration, dataSource, raw, cancellationToken);
                    Record(Bare, configuration, run, bare);
                    await FreshAsync(dataSource, raw, cancellationToken);
                    var plain = await LoadLoop.RunAsync(writers, context.Options.WriteDuration, _ => RawWriter(dataSource, raw, batch), cancellationToken);
                    Record(ResultSink.OursRaw, configuration, run, plain);
                    context.Results.RecordRatio("append_events_ratio_to_raw", configuration, run, ours.UnitsPerSecond, plain.UnitsPerSecond);
                    context.Results.RecordRatio("marten_append_events_ratio_to_raw", configuration, run, bare.UnitsPerSecond, plain.UnitsPerSecond);
                }
            }
        }

        if (!context.Options.KeepSchemas)
        {
            foreach (var schema in new[] { LibrarySchema, BareSchema, RawSchema })
            {
                await context.Database.DropSchemaAsync(schema, cancellationToken);
            }
        }
    }

    private void Record(string peer, string configuration, int run, LoadResult result)
    {
        context.Results.Record(peer, "append_events_per_s", configuration, "events/s", run, result.UnitsPerSecond);
        context.Results.RecordLatencies(peer, "append", configuration, run, result.Latencies);
    }

    /// <summary>
    /// From empty tables: the service's configuration with the project's SQL and the recording
    /// clock when <paramref name="stamped"/>, else Marten alone on a schema of its own.
    /// </summary>
    private async Task<LoadResult> MeasureAsync(
        string schema, bool stamped, int writers, int batch, TimeSpan duration, NpgsqlDataSource dataSource, RawEventsTable raw, CancellationToken cancellationToken)
    {
        await FreshAsync(dataSource, raw, cancellationToken);
        using var store = await Stores.OpenAsync(context, schema, projections: false, migrate: false, cancellationToken);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        if (stamped)
        {
            await SchemaMigrator.ApplyProjectSqlAsync(context.Database.Admin, Stores.Settings(context, schema), cancellationToken);
        }

        await context.Database.CheckpointAsync(cancellationToken);
        return await LoadLoop.RunAsync(writers, duration, _ => Writer(store, batch, stamped), cancellationToken);
    }

    /// <summary>Empty tables for the next run, then a CHECKPOINT.</summary>
    private async Task FreshAsync(NpgsqlDataSource dataSource, RawEventsTable raw, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        await context.Database.DropSchemaAsync(BareSchema, cancellationToken);
        await context.Database.DropSchemaAsync(RawSchema, cancellationToken);
        await context.Database.ExecuteAsync(raw.Create, cancellationToken);
        // Statements prepared on pooled connections named the dropped tables: start from new connections.
        dataSource.Clear();
        await context.Database.CheckpointAsync(cancellationToken);
    }

    /// <summary>One writer: its own streams, random (v4) ids, each filled to 20 events, then the next.</summary>
    private Func<CancellationToken, Task<int>> Writer(DocumentStore store, int batch, bool stamped)
    {
        var clock = new RecordingClock(Stores.Settings(context, store.Options.DatabaseSchemaName));
        var stream = Guid.NewGuid();
        long version = 0;
        DateTimeOffset? last = null;
        return async cancellationToken =>
        {
            await using var session = store.LightweightSession();
            object[] events;
            if (stamped)
            {
                var at = await clock.NowAsync(session, last, cancellationToken);
                events = [.. Enumerable.Range(0, batch).Select(_ => session.Stamp(context.Payload.Event, at))];
                last = at;
            }
            else
            {
                events = [.. Enumerable.Repeat<object>(context.Payload.Event, batch)];
            }

            if (version == 0)
            {
                session.Events.StartStream(stream, events);
            }
            else
            {
                session.Events.Append(stream, version + batch, events);
            }

            await session.SaveChangesAsync(cancellationToken);
            version += batch;
            if (version >= StreamLength)
            {
                (stream, version, last) = (Guid.NewGuid(), 0, null);
            }

            return batch;
        };
    }

    private Func<CancellationToken, Task<int>> RawWriter(NpgsqlDataSource dataSource, RawEventsTable raw, int batch)
    {
        var stream = Guid.NewGuid();
        var version = 0;
        return async cancellationToken =>
        {
            await using (var command = raw.Insert(dataSource, batch, stream, version + 1, context.Payload.Json))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            version += batch;
            if (version >= StreamLength)
            {
                (stream, version) = (Guid.NewGuid(), 0);
            }

            return batch;
        };
    }
}
