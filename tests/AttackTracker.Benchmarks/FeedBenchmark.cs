using System.Diagnostics;
using AttackTracker.EventStore;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The global feed (ReadAllAsync, commit order): one pass over the read data set folding a count per
/// stream, against the physical table copied out in seq_id order (physical.sh's global read); then a
/// reader that follows the feed while 8 writers append, and counts the events it never got or got twice.
/// </summary>
public sealed class FeedBenchmark(BenchContext context)
{
    public const int PageSize = 1000;
    private const string FollowSchema = "bench_feed";
    private const int Writers = 8;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await context.ReadDatasetAsync(cancellationToken);
        await using var dataSource = context.CreateDataSource();
        var store = Stores.Notes(dataSource, ReadDataset.LibrarySchema);
        const string pass = "seq_id order, 1 reader";
        var feedPass = $"ReadAllAsync {PageSize}/page, 1 reader";
        var following = $"ReadAllAsync {PageSize}/page, 1 reader, {Writers} writers";
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var library = await ReadAllAsync(store, cancellationToken);
            context.Results.Record(ResultSink.Ours, "global_read_events_per_s", feedPass, "events/s", run, library);
            var plain = await CopyOutAsync(context, ReadDataset.Raw.CopyAll, ReadDataset.Events, cancellationToken);
            context.Results.Record(ResultSink.OursRaw, "global_read_events_per_s", pass, "events/s", run, plain);
            context.Results.RecordRatio("global_read_ratio_to_raw", feedPass, run, library, plain);

            var (missed, duplicates) = await FollowWhileAppendingAsync(dataSource, cancellationToken);
            context.Results.Record(ResultSink.Ours, "global_read_missed_events", following, "events", run, missed);
            context.Results.Record(ResultSink.Ours, "global_read_duplicate_events", following, "events", run, duplicates);
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(FollowSchema, cancellationToken);
        }
    }

    private static async Task<double> ReadAllAsync(EventStore.EventStore store, CancellationToken cancellationToken)
    {
        var perStream = new Dictionary<Guid, int>();
        long events = 0;
        var clock = Stopwatch.StartNew();
        var position = FeedPosition.Start;
        while (true)
        {
            var page = await store.ReadAllAsync(position, PageSize, cancellationToken);
            if (page.Events.Count == 0)
            {
                break;
            }

            foreach (var e in page.Events)
            {
                perStream[e.StreamId] = perStream.GetValueOrDefault(e.StreamId) + 1;
            }

            events += page.Events.Count;
            position = page.Next;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return events == ReadDataset.Events
            ? events / seconds
            : throw new InvalidOperationException($"The feed delivered {events} events of {ReadDataset.Events}.");
    }

    /// <summary>COPY … TO STDOUT to this client, every byte read and dropped: the read ceiling of a rebuild.</summary>
    public static async Task<double> CopyOutAsync(BenchContext context, string copy, long rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var connection = await context.Database.Admin.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        long lines = 0;
        using (var reader = await connection.BeginTextExportAsync(copy, cancellationToken))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count('\n');
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return lines == rows ? rows / seconds : throw new InvalidOperationException($"COPY sent {lines} rows; expected {rows}.");
    }

    /// <summary>
    /// Eight writers (half appending 1 event at a time, half 10, so transactions of different lengths
    /// commit out of position order) fill streams of 20 for the run's time, while one reader follows the
    /// feed; when they stop, the reader drains it. Every appended event id must come out exactly once.
    /// </summary>
    private async Task<(long Missed, long Duplicates)> FollowWhileAppendingAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(FollowSchema, cancellationToken);
        var store = Stores.Notes(dataSource, FollowSchema);
        await store.MigrateAsync(cancellationToken);
        dataSource.Clear();
        await context.Database.CheckpointAsync(cancellationToken);

        var appended = Enumerable.Range(0, Writers).Select(_ => new List<Guid>()).ToArray();
        var delivered = new List<Guid>();
        var writersDone = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var follower = Task.Run(async () =>
        {
            var position = FeedPosition.Start;
            Stopwatch? draining = null;
            while (true)
            {
                var page = await store.ReadAllAsync(position, PageSize, cancellationToken);
                foreach (var e in page.Events)
                {
                    delivered.Add(e.EventId);
                }

                position = page.Next;
                if (page.Events.Count > 0)
                {
                    continue;
                }

                if (writersDone.Task.IsCompleted)
                {
                    draining ??= Stopwatch.StartNew();
                    if (delivered.Count >= writersDone.Task.Result || draining.Elapsed > DrainLimit)
                    {
                        return;
                    }
                }

                await Task.Delay(5, cancellationToken);
            }
        }, cancellationToken);

        try
        {
            await LoadLoop.RunAsync(Writers, context.Options.WriteDuration, w => Writer(store, w % 2 == 0 ? 1 : 10, appended[w]), cancellationToken);
        }
        finally
        {
            writersDone.SetResult(appended.Sum(a => a.Count));
        }

        await follower;
        var written = appended.SelectMany(a => a).ToHashSet();
        var distinct = delivered.ToHashSet();
        var foreign = distinct.Count(id => !written.Contains(id));
        if (foreign > 0)
        {
            throw new InvalidOperationException($"The feed delivered {foreign} events that no writer appended.");
        }

        context.Say($"feed: {written.Count:N0} events appended by {Writers} writers, {delivered.Count:N0} delivered");
        return (written.Count(id => !distinct.Contains(id)), delivered.Count - distinct.Count);
    }

    private Func<CancellationToken, Task<int>> Writer(EventStore.EventStore store, int batch, List<Guid> appended)
    {
        var events = Enumerable.Repeat(new EventData(context.Payload.Event), batch).ToArray();
        var stream = Guid.NewGuid();
        long version = 0;
        return async cancellationToken =>
        {
            var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version);
            var result = await store.AppendAsync(stream, expected, events, cancellationToken);
            appended.AddRange(result.Events.Select(e => e.EventId));
            version += batch;
            if (version >= AppendBenchmark.StreamLength)
            {
                (stream, version) = (Guid.NewGuid(), 0);
            }

            return batch;
        };
    }
}
