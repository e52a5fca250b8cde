using System.Diagnostics;
using System.Text.Json;
using AttackTracker.EventStore;
using AttackTracker.Domain;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Rebuilding every projection (incident views and snapshots, reports, sources) over --rebuild-events
/// events: 100-event incidents loaded once through the library (one append per incident, 4 writers,
/// no inline projections, so the read models start empty), then POST /api/admin/rebuild timed --runs
/// times. The baselines read the same events table in global order: COPY to this client, and the
/// store's own commit-order feed.
/// </summary>
public sealed class RebuildBenchmark(BenchContext context)
{
    public const string Schema = "bench_rebuild";
    private const int LoadWriters = 4;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var incidents = (int)Math.Ceiling(context.Options.RebuildEvents / (double)IncidentHistories.EventsPerIncident);
        var configuration = $"{incidents:N0} incidents x {IncidentHistories.EventsPerIncident} events";
        await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
        await using var dataSource = context.CreateDataSource();
        var store = Stores.Incidents(dataSource, Schema, inlineProjections: false);
        var events = await LoadAsync(store, incidents, configuration, cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var answer = await api.Client.PostAsync(new Uri("/api/admin/rebuild", UriKind.Relative), null, cancellationToken);
            var body = await answer.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            using var result = JsonDocument.Parse(body);
            var rebuilt = result.RootElement.GetProperty("events").GetInt64();
            var views = result.RootElement.GetProperty("incidents").GetInt32();
            if (rebuilt != events || views != incidents)
            {
                throw new InvalidOperationException($"The rebuild read {rebuilt} events into {views} incidents; the store holds {events} events of {incidents} incidents.");
            }

            context.Results.Record(ResultSink.Ours, "rebuild_events_per_s", configuration, "events/s", run, rebuilt / seconds);

            var copy = $"COPY (SELECT seq_id, id, stream_id, version, type, data, metadata, recorded_at, tx_id FROM {Database.Quote(Schema)}.events ORDER BY seq_id) TO STDOUT";
            var raw = await FeedBenchmark.CopyOutAsync(context, copy, events, cancellationToken);
            context.Results.Record(ResultSink.OursRaw, "raw_global_read_events_per_s", configuration, "events/s", run, raw);
            context.Results.RecordRatio("rebuild_ratio_to_raw_read", configuration, run, rebuilt / seconds, raw);

            var feed = await ReadFeedAsync(store, events, cancellationToken);
            context.Results.Record(ResultSink.Ours, "global_read_events_per_s", $"ReadAllAsync {FeedBenchmark.PageSize}/page, 1 reader, {configuration}", "events/s", run, feed);
        }

        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild, {configuration}", "MiB", 1, api.PeakRssMegabytes());
        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    private async Task<long> LoadAsync(EventStore.EventStore store, int incidents, string configuration, CancellationToken cancellationToken)
    {
        context.Say($"rebuild: loading {incidents:N0} incidents of {IncidentHistories.EventsPerIncident} events through the library");
        var histories = new IncidentHistories();
        await histories.RegisterSourcesAsync(store, cancellationToken);
        var next = -1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(async () =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) < incidents)
            {
                var id = Guid.CreateVersion7();
                await store.StartStreamAsync(id, EventTypes.IncidentStream, histories.Incident(id, number), cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(writers);
        var loaded = (long)incidents * IncidentHistories.EventsPerIncident;
        context.Results.Record(ResultSink.Ours, "rebuild_load_events_per_s", $"{IncidentHistories.EventsPerIncident} ev/append, {LoadWriters} writer(s)", "events/s", 1, loaded / clock.Elapsed.TotalSeconds);

        var events = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.events", cancellationToken);
        if (events != loaded + histories.Sources.Count)
        {
            throw new InvalidOperationException($"The store holds {events} events; {loaded + histories.Sources.Count} were appended.");
        }

        await context.Database.ExecuteAsync($"VACUUM ANALYZE {Database.Quote(Schema)}.events", cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        context.Say($"rebuild: {events:N0} events loaded in {clock.Elapsed.TotalSeconds:0.0}s ({configuration})");
        return events;
    }

    private static async Task<double> ReadFeedAsync(EventStore.EventStore store, long expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long events = 0;
        for (var page = await store.ReadAllAsync(FeedPosition.Start, FeedBenchmark.PageSize, cancellationToken);
             page.Events.Count > 0;
             page = await store.ReadAllAsync(page.Next, FeedBenchmark.PageSize, cancellationToken))
        {
            events += page.Events.Count;
        }

        return events == expected ? events / clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"The feed delivered {events} of {expected} events.");
    }
}
