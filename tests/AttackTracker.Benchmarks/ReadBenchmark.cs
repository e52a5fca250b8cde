using Marten;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Reading streams of the read data set: a whole 20-event stream read through Marten
/// (FetchStreamAsync, deserialising every event into its record, then counted), 1 and 8 readers,
/// a random stream per call; and the 10,000-event stream replayed up to version 10,000. The
/// baselines send the peers' SELECTs (read-stream.sql, replay-10k.sql) to the physical table.
/// </summary>
public sealed class ReadBenchmark(BenchContext context)
{
    private static readonly int[] ReaderCounts = [1, 8];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dataset = await context.ReadDatasetAsync(cancellationToken);
        await using var dataSource = context.CreateDataSource();
        using var store = await Stores.OpenAsync(context, ReadDataset.LibrarySchema, projections: false, migrate: false, cancellationToken);
        var raw = ReadDataset.Raw;

        var warmUp = TimeSpan.FromSeconds(0.5);
        await LoadLoop.RunAsync(2, warmUp, w => StreamReader(store, dataset, w), cancellationToken);
        await LoadLoop.RunAsync(2, warmUp, w => RawStreamReader(dataSource, raw, dataset, w), cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var readers in ReaderCounts)
            {
                var configuration = $"{ReadDataset.StreamLength}-ev stream, {readers} reader(s)";
                var library = await LoadLoop.RunAsync(readers, context.Options.ReadDuration, w => StreamReader(store, dataset, (run * 100) + w), cancellationToken);
                Record(ResultSink.Ours, configuration, run, library);
                var plain = await LoadLoop.RunAsync(readers, context.Options.ReadDuration, w => RawStreamReader(dataSource, raw, dataset, (run * 100) + w), cancellationToken);
                Record(ResultSink.OursRaw, configuration, run, plain);
                context.Results.RecordRatio("read_stream_ratio_to_raw", configuration, run, library.UnitsPerSecond, plain.UnitsPerSecond);
            }

            const string replay = "10k-ev stream, 1 reader";
            var folded = await LoadLoop.RunAsync(1, context.Options.ReadDuration, _ => Replayer(store, dataset.BigStreamId), cancellationToken);
            context.Results.RecordLatencies(ResultSink.Ours, "replay_10k", replay, run, folded.Latencies);
            var selected = await LoadLoop.RunAsync(1, context.Options.ReadDuration, _ => RawReplayer(dataSource, raw, dataset.BigStreamId), cancellationToken);
            context.Results.RecordLatencies(ResultSink.OursRaw, "replay_10k", replay, run, selected.Latencies);
            context.Results.RecordRatio("replay_10k_p50_ratio_to_raw", replay, run, folded.Latencies.P50, selected.Latencies.P50);
        }
    }

    private void Record(string peer, string configuration, int run, LoadResult result)
    {
        context.Results.Record(peer, "read_stream_events_per_s", configuration, "events/s", run, result.UnitsPerSecond);
        context.Results.RecordLatencies(peer, "read_stream", configuration, run, result.Latencies);
    }

    private static Func<CancellationToken, Task<int>> StreamReader(DocumentStore store, ReadDataset dataset, int seed)
    {
        var random = new Random(seed);
        return async cancellationToken =>
        {
            var id = dataset.StreamIds[random.Next(dataset.StreamIds.Count)];
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
            var notes = events.Count(e => e.Data is IncidentNoteAdded);
            return notes == ReadDataset.StreamLength ? notes : throw new InvalidOperationException($"Stream {id} read {notes} events.");
        };
    }

    private static Func<CancellationToken, Task<int>> RawStreamReader(NpgsqlDataSource dataSource, RawEventsTable raw, ReadDataset dataset, int seed)
    {
        var random = new Random(seed);
        return async cancellationToken =>
        {
            var id = dataset.StreamIds[random.Next(dataset.StreamIds.Count)];
            var rows = await SelectAsync(dataSource, raw.ReadStream, id, int.MaxValue, cancellationToken);
            return rows == ReadDataset.StreamLength ? rows : throw new InvalidOperationException($"Stream {id} has {rows} rows.");
        };
    }

    private static Func<CancellationToken, Task<int>> Replayer(DocumentStore store, Guid id) => async cancellationToken =>
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, version: ReadDataset.BigStreamLength, token: cancellationToken);
        var notes = events.Count(e => e.Data is IncidentNoteAdded);
        return notes == ReadDataset.BigStreamLength ? 1 : throw new InvalidOperationException($"The big stream read {notes} events.");
    };

    private static Func<CancellationToken, Task<int>> RawReplayer(NpgsqlDataSource dataSource, RawEventsTable raw, Guid id) => async cancellationToken =>
    {
        var rows = await SelectAsync(dataSource, raw.ReadStream, id, ReadDataset.BigStreamLength, cancellationToken);
        return rows == ReadDataset.BigStreamLength ? 1 : throw new InvalidOperationException($"The big stream has {rows} rows.");
    };

    /// <summary>Reads every row as a client would take it: the version, the type and the JSON text.</summary>
    public static async Task<int> SelectAsync(NpgsqlDataSource dataSource, string sql, Guid id, int toVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = toVersion });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetFieldValue<long>(0);
            _ = reader.GetString(1);
            _ = reader.GetString(2);
            rows++;
        }

        return rows;
    }
}
