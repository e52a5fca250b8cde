using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The view of an incident with 10,001 events (IncidentOpened, then 100 reports of 99 facts posted over
/// HTTP, published one day apart), as of a point in its middle on each axis: the publication date of
/// the 50th report (?asOf=), the recording time of version 5,000 (?recordedAsOf=), and ?version=5000.
/// The baseline is a plain SELECT of that stream's rows up to version 10,000, as pgbench/replay-10k.sql
/// does. Building the incident also times the 100-event writes as the stream grows.
/// </summary>
public sealed class TimeTravelBenchmark(BenchContext context)
{
    public const string Schema = "bench_timetravel";
    private const int Reports = 100;
    private const int FactsPerReport = 99;
    private const long MiddleVersion = 5000;
    private const int RawReplayVersion = 10_000;
    private const int TimedReports = 10;
    private static readonly DateOnly FirstPublished = new(2018, 3, 24);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
        var (incident, writes) = await BuildIncidentAsync(api.Client, cancellationToken);
        context.Results.Record(ResultSink.Ours, "http_big_report_p50_ms", $"100-ev report, reports 1-{TimedReports}", "ms", 1, new Latencies(writes[..TimedReports]).P50);
        context.Results.Record(ResultSink.Ours, "http_big_report_p50_ms", $"100-ev report, reports {Reports - TimedReports + 1}-{Reports}", "ms", 1, new Latencies(writes[^TimedReports..]).P50);

        var recordedAt = await RecordedAtAsync(api.Client, incident, MiddleVersion, cancellationToken);
        var middleDate = FirstPublished.AddDays((Reports / 2) - 1);
        var axes = new (string Name, string Query)[]
        {
            ("asOf", $"asOf={middleDate:yyyy-MM-dd}"),
            ("recordedAsOf", $"recordedAsOf={Uri.EscapeDataString(recordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture))}"),
            ("version", $"version={MiddleVersion}"),
        };
        context.Say($"timetravel: incident {incident}; middle = {axes[0].Query}, {axes[1].Query}, {axes[2].Query}");

        await using var dataSource = context.CreateDataSource();
        var replay = $"SELECT version, type, data FROM {Database.Quote(Schema)}.mt_events WHERE stream_id = $1 AND version <= $2 ORDER BY version";
        foreach (var (axis, query) in axes)
        {
            await CheckViewAsync(api.Client, incident, axis, query, cancellationToken);
            await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(0.5), _ => ViewAt(api.Client, incident, query), cancellationToken);
        }

        // Past the first executions of the prepared SELECT, after which PostgreSQL may keep a generic plan.
        await LoadLoop.RunAsync(1, TimeSpan.FromSeconds(0.5), _ => RawReplay(dataSource, replay, incident), cancellationToken);

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            var raw = await LoadLoop.RunAsync(1, context.Options.ReadDuration, _ => RawReplay(dataSource, replay, incident), cancellationToken);
            const string rawConfiguration = "raw SELECT version <= 10000";
            context.Results.Record(ResultSink.OursRaw, "timetravel_p50_ms", rawConfiguration, "ms", run, raw.Latencies.P50);
            context.Results.Record(ResultSink.OursRaw, "timetravel_p99_ms", rawConfiguration, "ms", run, raw.Latencies.P99);
            foreach (var (axis, query) in axes)
            {
                var viewed = await LoadLoop.RunAsync(1, context.Options.ReadDuration, _ => ViewAt(api.Client, incident, query), cancellationToken);
                context.Results.RecordLatencies(ResultSink.Ours, "timetravel", axis, run, viewed.Latencies);
                context.Results.RecordRatio("timetravel_p50_ratio_to_raw", axis, run, viewed.Latencies.P50, raw.Latencies.P50);
            }
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    /// <summary>Opens the incident and posts its 100 reports, one day apart; returns each report's write time in ms.</summary>
    private async Task<(Guid Incident, double[] Writes)> BuildIncidentAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var incident = await HttpBenchmark.OpenIncidentAsync(client, "Benchmark incident with 10,000 events", cancellationToken);
        var facts = ReportSamples.Facts(FactsPerReport);
        var writes = new double[Reports];
        for (var i = 0; i < Reports; i++)
        {
            var body = ReportSamples.Report(facts, FirstPublished.AddDays(i));
            var t0 = Stopwatch.GetTimestamp();
            await HttpBenchmark.PostAsync(client, new Uri($"/api/incidents/{incident}/reports", UriKind.Relative), body, cancellationToken);
            writes[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        context.Say($"timetravel: {1 + (Reports * (FactsPerReport + 1)):N0} events written over HTTP in {clock.Elapsed.TotalSeconds:0.0}s");
        return (incident, writes);
    }

    private static async Task<DateTimeOffset> RecordedAtAsync(HttpClient client, Guid incident, long version, CancellationToken cancellationToken)
    {
        var events = await client.GetByteArrayAsync(new Uri($"/api/incidents/{incident}/events?fromVersion={version}&limit=1", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(events);
        return json.RootElement.GetProperty("items")[0].GetProperty("recordedAt").GetDateTimeOffset();
    }

    /// <summary>Every axis's middle point falls after the 50th report: a view that shows another count measured the wrong thing.</summary>
    private async Task CheckViewAsync(HttpClient client, Guid incident, string axis, string query, CancellationToken cancellationToken)
    {
        var view = await client.GetByteArrayAsync(new Uri($"/api/incidents/{incident}?{query}", UriKind.Relative), cancellationToken);
        using var json = JsonDocument.Parse(view);
        var reports = json.RootElement.GetProperty("reportCount").GetInt32();
        if (reports != Reports / 2)
        {
            throw new InvalidOperationException($"The view at ?{query} counts {reports} reports; expected {Reports / 2}.");
        }

        context.Say($"timetravel: the {axis} view is {view.Length / 1024.0:N0} KiB, version {json.RootElement.GetProperty("version").GetInt64()}");
    }

    private static Func<CancellationToken, Task<int>> ViewAt(HttpClient client, Guid incident, string query) => async cancellationToken =>
    {
        using var response = await client.GetAsync(new Uri($"/api/incidents/{incident}?{query}", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK ? 1 : throw new HttpRequestException($"GET incident ?{query}: {(int)response.StatusCode}");
    };

    private static Func<CancellationToken, Task<int>> RawReplay(Npgsql.NpgsqlDataSource dataSource, string sql, Guid incident) => async cancellationToken =>
    {
        var rows = await ReadBenchmark.SelectAsync(dataSource, sql, incident, RawReplayVersion, cancellationToken);
        return rows == RawReplayVersion ? 1 : throw new InvalidOperationException($"The incident's stream has {rows} rows up to version {RawReplayVersion}.");
    };
}
