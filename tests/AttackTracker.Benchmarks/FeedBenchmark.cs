using System.Diagnostics;
using AttackTracker.Api.Store;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The global feed for consumers, Marten's async daemon: a subscription taken from a cold start over
/// the read data set, against the physical table copied out in seq_id order (physical.sh's global
/// read); then a subscription that follows the feed while 8 writers append, counting the events it
/// never got or got twice, and how long after the last commit it had them all.
/// </summary>
public sealed class FeedBenchmark(BenchContext context)
{
    private const string FollowSchema = "bench_feed";
    private const int Writers = 8;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await context.ReadDatasetAsync(cancellationToken);
        const string pass = "seq_id order, 1 reader";
        const string daemonPass = "daemon subscription, 1 node";
        var following = $"daemon subscription, {Writers} writers";
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var daemon = await CatchUpAsync(run, cancellationToken);
            context.Results.Record(ResultSink.Ours, "global_read_events_per_s", daemonPass, "events/s", run, daemon);
            var plain = await CopyOutAsync(context, ReadDataset.Raw.CopyAll, ReadDataset.Events, cancellationToken);
            context.Results.Record(ResultSink.OursRaw, "global_read_events_per_s", pass, "events/s", run, plain);
            context.Results.RecordRatio("global_read_ratio_to_raw", daemonPass, run, daemon, plain);

            var (missed, duplicates, lag) = await FollowWhileAppendingAsync(run, cancellationToken);
            context.Results.Record(ResultSink.Ours, "global_read_missed_events", following, "events", run, missed);
            context.Results.Record(ResultSink.Ours, "global_read_duplicate_events", following, "events", run, duplicates);
            context.Results.Record(ResultSink.Ours, "global_read_catch_up_ms", following, "ms", run, lag.TotalMilliseconds);
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(FollowSchema, cancellationToken);
        }
    }

    /// <summary>A new subscription (no progress yet) over the read data set: events per second until it has them all.</summary>
    private async Task<double> CatchUpAsync(int run, CancellationToken cancellationToken)
    {
        var counter = new FeedCounter($"bench_catch_up_{run}");
        using var store = await OpenWithAsync(ReadDataset.LibrarySchema, counter, migrate: false, cancellationToken);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        using var daemon = await store.BuildProjectionDaemonAsync();
        var clock = Stopwatch.StartNew();
        await daemon.StartAllAsync();
        while (counter.Events < ReadDataset.Events && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(10, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await daemon.StopAllAsync();
        return counter.Events == ReadDataset.Events
            ? ReadDataset.Events / seconds
            : throw new InvalidOperationException($"The subscription was handed {counter.Events} events of {ReadDataset.Events}.");
    }

    private async Task<DocumentStore> OpenWithAsync(string schema, FeedCounter counter, bool migrate, CancellationToken cancellationToken)
    {
        var settings = Stores.Settings(context, schema);
        var options = new StoreOptions();
        StoreSetup.Configure(options, settings, projections: false);
        options.Events.MapEventType<IncidentNoteAdded>(IncidentNoteAdded.StoredName);
        options.Events.Subscribe(counter);
        options.Connection(context.ConnectionString);
        var store = new DocumentStore(options);
        if (migrate)
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await SchemaMigrator.ApplyProjectSqlAsync(context.Database.Admin, settings, cancellationToken);
        }

        return store;
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
    /// commit out of sequence order) fill streams of 20 for the run's time, while the daemon feeds a
    /// subscription; when they stop, it drains. Every appended event id must come out exactly once.
    /// </summary>
    private async Task<(long Missed, long Duplicates, TimeSpan Lag)> FollowWhileAppendingAsync(int run, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(FollowSchema, cancellationToken);
        var counter = new FeedCounter($"bench_follow_{run}") { KeepIds = true };
        using var store = await OpenWithAsync(FollowSchema, counter, migrate: true, cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();

        var clock = new RecordingClock(Stores.Settings(context, FollowSchema));
        var appended = Enumerable.Range(0, Writers).Select(_ => new List<Guid>()).ToArray();
        await LoadLoop.RunAsync(Writers, context.Options.WriteDuration, w => Writer(store, clock, w % 2 == 0 ? 1 : 10, appended[w]), cancellationToken);
        var written = appended.SelectMany(a => a).ToHashSet();
        var drain = Stopwatch.StartNew();
        while (!written.All(counter.Seen.ContainsKey) && drain.Elapsed < DrainLimit)
        {
            await Task.Delay(5, cancellationToken);
        }

        var lag = drain.Elapsed;
        await daemon.StopAllAsync();
        var foreign = counter.Seen.Keys.Count(id => !written.Contains(id));
        if (foreign > 0)
        {
            throw new InvalidOperationException($"The feed delivered {foreign} events that no writer appended.");
        }

        context.Say($"feed: {written.Count:N0} events appended by {Writers} writers; the subscription had them all {lag.TotalMilliseconds:0} ms after the last");
        return (written.Count(id => !counter.Seen.ContainsKey(id)), counter.Seen.Values.Sum(n => n - 1), lag);
    }

    private Func<CancellationToken, Task<int>> Writer(DocumentStore store, RecordingClock clock, int batch, List<Guid> appended)
    {
        var stream = Guid.NewGuid();
        long version = 0;
        DateTimeOffset? last = null;
        return async cancellationToken =>
        {
            await using var session = store.LightweightSession();
            var at = await clock.NowAsync(session, last, cancellationToken);
            var events = Enumerable.Range(0, batch).Select(_ => session.Stamp(context.Payload.Event, at)).ToArray();
            if (version == 0)
            {
                session.Events.StartStream(stream, events);
            }
            else
            {
                session.Events.Append(stream, version + batch, events);
            }

            await session.SaveChangesAsync(cancellationToken);
            appended.AddRange(events.Select(e => e.Id));
            (version, last) = (version + batch, at);
            if (version >= AppendBenchmark.StreamLength)
            {
                (stream, version, last) = (Guid.NewGuid(), 0, null);
            }

            return batch;
        };
    }
}
