using System.Diagnostics;
using System.Text.Json;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Measures shared by the rebuild and size phases, each against the same run's raw read: the two
/// exports against a COPY of what they read, and the statistics' daemon from a cold start against a
/// COPY of the events in global order.
/// </summary>
public static class ReadRates
{
    /// <summary>COPY of every event in global order, the columns a reader of the store takes.</summary>
    public static string GlobalRead(string schema) =>
        $"COPY (SELECT seq_id, id, stream_id, version, type, data, timestamp, headers, user_name, correlation_id FROM {Database.Quote(schema)}.mt_events ORDER BY seq_id) TO STDOUT";

    /// <summary>
    /// POST /api/admin/rebuild, every projection, timed from the request to the answer, with each
    /// part's own rate (to see which one bounds the whole), against COPY of the events in global order.
    /// </summary>
    public static async Task RebuildAsync(BenchContext context, ApiProcess api, string schema, long events, int incidents, string configuration, int run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(api);
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
            foreach (var part in parts.EnumerateArray())
            {
                context.Results.Record(ResultSink.Ours, "rebuild_part_events_per_s", $"{part.GetProperty("part").GetString()}, {configuration}", "events/s", run, part.GetProperty("eventsPerSecond").GetDouble());
            }
        }

        var raw = await FeedBenchmark.CopyOutAsync(context, GlobalRead(schema), events, cancellationToken);
        context.Results.Record(ResultSink.OursRaw, "raw_global_read_events_per_s", configuration, "events/s", run, raw);
        context.Results.RecordRatio("rebuild_ratio_to_raw_read", configuration, run, rebuilt / seconds, raw);
    }

    /// <summary>
    /// The two exports streamed to this client: GTD-shaped CSV rows per second against COPY of the
    /// incident states it reads, and the event archive's lines per second against COPY of mt_events.
    /// </summary>
    public static async Task ExportsAsync(BenchContext context, ApiProcess api, string schema, int incidents, long events, string configuration, int run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(api);
        var (csvLines, csvSeconds) = await BenchHttp.LinesAsync(api.Client, "/api/export/gtd.csv", cancellationToken);
        if (csvLines != incidents + 1)
        {
            throw new InvalidOperationException($"The CSV export has {csvLines} lines for {incidents} incidents.");
        }

        var states = $"COPY (SELECT data FROM {Database.Quote(schema)}.mt_doc_incidentstate) TO STDOUT";
        var rawStates = await FeedBenchmark.CopyOutAsync(context, states, incidents, cancellationToken);
        context.Results.Record(ResultSink.Ours, "export_gtd_incidents_per_s", configuration, "incidents/s", run, incidents / csvSeconds);
        context.Results.Record(ResultSink.OursRaw, "raw_state_read_incidents_per_s", configuration, "incidents/s", run, rawStates);
        context.Results.RecordRatio("export_gtd_ratio_to_raw_state_read", configuration, run, incidents / csvSeconds, rawStates);

        var (archiveLines, archiveSeconds) = await BenchHttp.LinesAsync(api.Client, "/api/export/events.jsonl", cancellationToken);
        var rawLog = await FeedBenchmark.CopyOutAsync(context, GlobalRead(schema), events, cancellationToken);
        context.Results.Record(ResultSink.Ours, "export_events_per_s", configuration, "events/s", run, archiveLines / archiveSeconds);
        context.Results.RecordRatio("export_events_ratio_to_raw_global_read", configuration, run, archiveLines / archiveSeconds, rawLog);
    }

    /// <summary>
    /// The statistics projection from a cold start: its progress and rows removed (as its owner
    /// would drop them), the service started again, and timed, start included, until its daemon has
    /// folded every event in. Returns the running service.
    /// </summary>
    public static async Task<ApiProcess> ColdStartAsync(BenchContext context, string schema, long events, string configuration, int run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quoted = Database.Quote(schema);
        await context.Database.ExecuteAsync(
            $"DELETE FROM {quoted}.mt_event_progression WHERE name = '{DaemonLag.Shard}'; TRUNCATE {quoted}.stats_spans, {quoted}.stats_span_groups", cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        var api = await ApiProcess.StartAsync(context, schema, cancellationToken, fresh: false);
        var clock = Stopwatch.StartNew();
        await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromHours(1), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds + api.Startup.TotalSeconds;
        var raw = await FeedBenchmark.CopyOutAsync(context, GlobalRead(schema), events, cancellationToken);
        context.Results.Record(ResultSink.Ours, "daemon_cold_fold_events_per_s", configuration, "events/s", run, events / seconds);
        context.Results.Record(ResultSink.OursRaw, "raw_global_read_events_per_s", configuration, "events/s", run, raw);
        context.Results.RecordRatio("daemon_cold_fold_ratio_to_raw_read", configuration, run, events / seconds, raw);
        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"daemon cold start, {configuration}", "MiB", run, api.PeakRssMegabytes());
        return api;
    }
}
