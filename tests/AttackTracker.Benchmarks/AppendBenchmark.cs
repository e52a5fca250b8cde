using AttackTracker.EventStore;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Appends through the event store (one append_events call per append) against plain multi-row
/// INSERTs of the same rows into the peers' physical table, in the same run: 1 and 10 events per
/// append, 1 and 8 writers, each writer filling its own streams of 20 events with the expected
/// version checked on every append. Every run starts from empty tables and a CHECKPOINT.
/// </summary>
public sealed class AppendBenchmark(BenchContext context)
{
    public const int StreamLength = 20;
    private const string LibrarySchema = "bench_append";
    private const string RawSchema = "bench_append_raw";
    private static readonly int[] Batches = [1, 10];
    private static readonly int[] WriterCounts = [1, 8];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = context.CreateDataSource();
        var store = Stores.Notes(dataSource, LibrarySchema);
        var raw = new RawEventsTable(RawSchema);

        context.Say("append: warming up (JIT, connections)");
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, context.Options.Seconds / 4));
        await FreshAsync(dataSource, store, raw, cancellationToken);
        await LoadLoop.RunAsync(2, warmUp, _ => LibraryWriter(store, 10), cancellationToken);
        await LoadLoop.RunAsync(2, warmUp, _ => RawWriter(dataSource, raw, 10), cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var batch in Batches)
            {
                foreach (var writers in WriterCounts)
                {
                    var configuration = $"{batch} ev/append, {writers} writer(s)";
                    await FreshAsync(dataSource, store, raw, cancellationToken);
                    var library = await LoadLoop.RunAsync(writers, context.Options.WriteDuration, _ => LibraryWriter(store, batch), cancellationToken);
                    Record(ResultSink.Ours, configuration, run, library);

                    await FreshAsync(dataSource, store, raw, cancellationToken);
                    var plain = await LoadLoop.RunAsync(writers, context.Options.WriteDuration, _ => RawWriter(dataSource, raw, batch), cancellationToken);
                    Record(ResultSink.OursRaw, configuration, run, plain);
                    context.Results.RecordRatio("append_events_ratio_to_raw", configuration, run, library.UnitsPerSecond, plain.UnitsPerSecond);
                }
            }
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
            await context.Database.DropSchemaAsync(RawSchema, cancellationToken);
        }
    }

    private void Record(string peer, string configuration, int run, LoadResult result)
    {
        context.Results.Record(peer, "append_events_per_s", configuration, "events/s", run, result.UnitsPerSecond);
        context.Results.RecordLatencies(peer, "append", configuration, run, result.Latencies);
    }

    private async Task FreshAsync(NpgsqlDataSource dataSource, EventStore.EventStore store, RawEventsTable raw, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        await context.Database.DropSchemaAsync(RawSchema, cancellationToken);
        await store.MigrateAsync(cancellationToken);
        await context.Database.ExecuteAsync(raw.Create, cancellationToken);
        // Statements prepared on pooled connections named the dropped tables: start from new connections.
        dataSource.Clear();
        await context.Database.CheckpointAsync(cancellationToken);
    }

    /// <summary>One writer: its own streams, random (v4) ids, each filled to 20 events, then the next.</summary>
    private Func<CancellationToken, Task<int>> LibraryWriter(EventStore.EventStore store, int batch)
    {
        var events = Enumerable.Repeat(new EventData(context.Payload.Event), batch).ToArray();
        var stream = Guid.NewGuid();
        long version = 0;
        return async cancellationToken =>
        {
            var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
            await store.AppendAsync(stream, expected, events, cancellationToken);
            version += batch;
            if (version >= StreamLength)
            {
                (stream, version) = (Guid.NewGuid(), 0);
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
