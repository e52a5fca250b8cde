using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Sources;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using Marten;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Rebuilding every projection (incident states with their listings and snapshots, the report index,
/// the sources) with Marten's projection rebuild, over --rebuild-events events: 100-event incidents
/// loaded once through Marten (one append per incident, 4 writers, no inline projections, so the read
/// models start empty), then POST /api/admin/rebuild timed --runs times. The baseline reads the same
/// mt_events table in global order: COPY to this client. Then the statistics projection from a cold
/// start over the same events (<see cref="StatsAsync"/>).
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
        using var store = await Stores.OpenAsync(context, Schema, projections: false, migrate: false, cancellationToken);
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
            if (result.RootElement.TryGetProperty("parts", out var parts))
            {
                // Each part's own rate (the read models, the statistics), to see which one bounds the whole.
                foreach (var part in parts.EnumerateArray())
                {
                    context.Results.Record(ResultSink.Ours, "rebuild_part_events_per_s", $"{part.GetProperty("part").GetString()}, {configuration}", "events/s", run, part.GetProperty("eventsPerSecond").GetDouble());
                }
            }

            var copy = $"COPY (SELECT seq_id, id, stream_id, version, type, data, timestamp, headers, user_name, correlation_id FROM {Database.Quote(Schema)}.mt_events ORDER BY seq_id) TO STDOUT";
            var raw = await FeedBenchmark.CopyOutAsync(context, copy, events, cancellationToken);
            context.Results.Record(ResultSink.OursRaw, "raw_global_read_events_per_s", configuration, "events/s", run, raw);
            context.Results.RecordRatio("rebuild_ratio_to_raw_read", configuration, run, rebuilt / seconds, raw);
        }

        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild, {configuration}", "MiB", 1, api.PeakRssMegabytes());
        await ExportAsync(api, incidents, events, configuration, cancellationToken);
        await StatsAsync(api, events, configuration, cancellationToken);
        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    /// <summary>
    /// The two exports over the rebuilt data set, streamed to this client: GTD-shaped CSV rows per
    /// second against COPY of the incident states it reads, and the event archive's lines per second
    /// against COPY of mt_events; the service's resident set after each, to show it stays flat.
    /// </summary>
    private async Task ExportAsync(ApiProcess api, int incidents, long events, string configuration, CancellationToken cancellationToken)
    {
        var states = $"COPY (SELECT data FROM {Database.Quote(Schema)}.mt_doc_incidentstate) TO STDOUT";
        var log = $"COPY (SELECT seq_id, id, stream_id, version, type, data, timestamp, headers, user_name, correlation_id FROM {Database.Quote(Schema)}.mt_events ORDER BY seq_id) TO STDOUT";
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var (csvLines, csvSeconds) = await LinesAsync(api, "/api/export/gtd.csv", cancellationToken);
            if (csvLines != incidents + 1)
            {
                throw new InvalidOperationException($"The CSV export has {csvLines} lines for {incidents} incidents.");
            }

            var rawStates = await FeedBenchmark.CopyOutAsync(context, states, incidents, cancellationToken);
            context.Results.Record(ResultSink.Ours, "export_gtd_incidents_per_s", configuration, "incidents/s", run, incidents / csvSeconds);
            context.Results.Record(ResultSink.OursRaw, "raw_state_read_incidents_per_s", configuration, "incidents/s", run, rawStates);
            context.Results.RecordRatio("export_gtd_ratio_to_raw_state_read", configuration, run, incidents / csvSeconds, rawStates);

            var (archiveLines, archiveSeconds) = await LinesAsync(api, "/api/export/events.jsonl", cancellationToken);
            var rawLog = await FeedBenchmark.CopyOutAsync(context, log, events, cancellationToken);
            context.Results.Record(ResultSink.Ours, "export_events_per_s", configuration, "events/s", run, archiveLines / archiveSeconds);
            context.Results.RecordRatio("export_events_ratio_to_raw_global_read", configuration, run, archiveLines / archiveSeconds, rawLog);
        }

        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild then exports, {configuration}", "MiB", 1, api.PeakRssMegabytes());
    }

    /// <summary>
    /// The statistics projection from a cold start: the service stopped, the projection's progress
    /// and documents removed (as its owner would drop them), the service started again, and timed
    /// until its daemon has folded every event in, against the same-run COPY of mt_events in
    /// global order. Then GET /api/stats as of a date over the data set (every incident's as-of
    /// view) against the same question to the projection.
    /// </summary>
    private async Task StatsAsync(ApiProcess running, long events, string configuration, CancellationToken cancellationToken)
    {
        await running.DisposeAsync();
        var schema = Database.Quote(Schema);
        var log = $"COPY (SELECT seq_id, id, stream_id, version, type, data, timestamp, headers, user_name, correlation_id FROM {schema}.mt_events ORDER BY seq_id) TO STDOUT";
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            await context.Database.ExecuteAsync(
                $"DELETE FROM {schema}.mt_event_progression WHERE name = '{DaemonLag.Shard}'; TRUNCATE {schema}.stats_spans, {schema}.stats_span_groups", cancellationToken);
            await context.Database.CheckpointAsync(cancellationToken);
            await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh: false);
            var clock = Stopwatch.StartNew();
            await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromHours(1), cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds + api.Startup.TotalSeconds;
            var raw = await FeedBenchmark.CopyOutAsync(context, log, events, cancellationToken);
            context.Results.Record(ResultSink.Ours, "daemon_cold_fold_events_per_s", configuration, "events/s", run, events / seconds);
            context.Results.Record(ResultSink.OursRaw, "raw_global_read_events_per_s", configuration, "events/s", run, raw);
            context.Results.RecordRatio("daemon_cold_fold_ratio_to_raw_read", configuration, run, events / seconds, raw);

            var projected = await TimedGetAsync(api, "/api/stats?groupBy=group", cancellationToken);
            var asOf = await TimedGetAsync(api, "/api/stats?groupBy=group&asOf=2018-04-01", cancellationToken);
            context.Results.Record(ResultSink.Ours, "stats_get_s", $"groupBy=group, {configuration}", "s", run, projected);
            context.Results.Record(ResultSink.Ours, "stats_as_of_get_s", $"groupBy=group&asOf, {configuration}", "s", run, asOf);
            context.Results.RecordRatio("stats_as_of_ratio_to_projection", configuration, run, asOf, projected);
        }
    }

    private static async Task<double> TimedGetAsync(ApiProcess api, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(long Lines, double Seconds)> LinesAsync(ApiProcess api, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            lines++;
        }

        return (lines, clock.Elapsed.TotalSeconds);
    }

    private async Task<long> LoadAsync(DocumentStore store, int incidents, string configuration, CancellationToken cancellationToken)
    {
        context.Say($"rebuild: loading {incidents:N0} incidents of {IncidentHistories.EventsPerIncident} events through Marten");
        var histories = new IncidentHistories();
        var recording = new RecordingClock(Stores.Settings(context, Schema));
        foreach (var source in histories.Sources)
        {
            await using var session = store.LightweightSession();
            session.Events.StartStream<SourceView>(source.SourceId, session.Stamp(source, await recording.NowAsync(session, null, cancellationToken)));
            await session.SaveChangesAsync(cancellationToken);
        }

        var next = -1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, LoadWriters).Select(_ => Task.Run(async () =>
        {
            int number;
            while ((number = Interlocked.Increment(ref next)) < incidents)
            {
                var id = Guid.CreateVersion7();
                await using var session = store.LightweightSession();
                session.LastModifiedBy = ReportSamples.RecordedBy;
                var at = await recording.NowAsync(session, null, cancellationToken);
                session.Events.StartStream<IncidentState>(id, [.. histories.Incident(id, number).Select(e => e.Stamp(session, at))]);
                await session.SaveChangesAsync(cancellationToken);
            }
        }, cancellationToken));
        await Task.WhenAll(writers);
        var loaded = (long)incidents * IncidentHistories.EventsPerIncident;
        context.Results.Record(ResultSink.Ours, "rebuild_load_events_per_s", $"{IncidentHistories.EventsPerIncident} ev/append, {LoadWriters} writer(s)", "events/s", 1, loaded / clock.Elapsed.TotalSeconds);

        var events = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.mt_events", cancellationToken);
        if (events != loaded + histories.Sources.Count)
        {
            throw new InvalidOperationException($"The store holds {events} events; {loaded + histories.Sources.Count} were appended.");
        }

        await context.Database.ExecuteAsync($"VACUUM ANALYZE {Database.Quote(Schema)}.mt_events", cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        context.Say($"rebuild: {events:N0} events loaded in {clock.Elapsed.TotalSeconds:0.0}s ({configuration})");
        return events;
    }
}
