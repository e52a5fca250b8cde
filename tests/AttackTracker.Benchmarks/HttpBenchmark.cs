using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Reports posted over HTTP to the API in a child process (5 facts each, so 6 events per write), by 1,
/// 8 and 32 concurrent clients, each posting to its own incident and opening a new one every
/// --reports-per-incident reports; then the stored view read back by 1 and 8 clients. Each
/// configuration gets a fresh API process on a fresh schema, so its peak RSS is its own. The library
/// baseline appends the same events through Marten at the same concurrency, without and with the inline projections.
/// </summary>
public sealed class HttpBenchmark(BenchContext context)
{
    public const string Schema = "bench_http";
    private const string LibrarySchema = "bench_reports";
    private const int EventsPerReport = 6;
    private static readonly int[] ClientCounts = [1, 8, 32];
    private static readonly int[] ViewReaderCounts = [1, 8];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var body = ReportSamples.Report(ReportSamples.FiveFacts, new DateOnly(2018, 3, 24));
        var command = ReportSamples.Command(body);
        var perIncident = context.Options.ReportsPerIncident;
        context.Say(perIncident > 0
            ? $"http: each client opens an incident, posts {perIncident} reports to it, then opens the next"
            : "http: each client posts every report of the run to one incident of its own");
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var clients in ClientCounts)
            {
                var configuration = $"5 facts/report, {clients} client(s), {(perIncident > 0 ? $"{perIncident} reports/incident" : "1 incident/client")}";
                var incidents = new ConcurrentBag<Guid>();
                LoadResult posted;
                await using (var api = await ApiProcess.StartAsync(context, Schema, cancellationToken))
                {
                    await LoadLoop.RunAsync(Math.Min(clients, 8), WarmUp, w => Poster(api.Client, body, $"warm-up {w}", []), cancellationToken);
                    await context.Database.CheckpointAsync(cancellationToken);
                    var lag = new DaemonLag();
                    using (var sampling = new CancellationTokenSource())
                    {
                        var sampler = lag.SampleAsync(api.Client, sampling.Token);
                        posted = await LoadLoop.RunAsync(clients, context.Options.WriteDuration, w => Poster(api.Client, body, $"client {w}", incidents), cancellationToken);
                        await sampling.CancelAsync();
                        await sampler;
                    }

                    // The statistics projection on the daemon, under this load: its lag in events while
                    // the load ran, and how long it took to fold the last event in once the load stopped.
                    context.Results.Record(ResultSink.Ours, "daemon_lag_events_p50", configuration, "events", run, DaemonLag.Percentile(lag.Samples, 0.5));
                    context.Results.Record(ResultSink.Ours, "daemon_lag_events_max", configuration, "events", run, DaemonLag.Percentile(lag.Samples, 1.0));
                    context.Results.Record(ResultSink.Ours, "daemon_catch_up_after_load_s", configuration, "s", run, await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromMinutes(5), cancellationToken));
                    context.Results.Record(ResultSink.Ours, "http_reports_per_s", configuration, "reports/s", run, posted.UnitsPerSecond);
                    context.Results.RecordLatencies(ResultSink.Ours, "http", configuration, run, posted.Latencies);
                    context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", configuration, "MiB", run, api.PeakRssMegabytes());
                    if (clients == ClientCounts[^1])
                    {
                        await ReadViewsAsync(api.Client, [.. incidents], run, cancellationToken);
                    }
                }

                var plain = await AppendReportsAsync(command, clients, inlineProjections: false, cancellationToken);
                var library = $"6 ev/append, {clients} writer(s)";
                context.Results.Record(ResultSink.Ours, "report_append_events_per_s", library, "events/s", run, plain.UnitsPerSecond);
                context.Results.RecordLatencies(ResultSink.Ours, "report_append", library, run, plain.Latencies);
                var projected = await AppendReportsAsync(command, clients, inlineProjections: true, cancellationToken);
                var libraryProjected = $"6 ev/append + inline projections, {clients} writer(s)";
                context.Results.Record(ResultSink.Ours, "report_append_events_per_s", libraryProjected, "events/s", run, projected.UnitsPerSecond);
                context.Results.RecordLatencies(ResultSink.Ours, "report_append", libraryProjected, run, projected.Latencies);
                context.Results.RecordRatio("http_events_ratio_to_library", configuration, run, posted.UnitsPerSecond * EventsPerReport, plain.UnitsPerSecond);
                context.Results.RecordRatio("http_events_ratio_to_projected_library", configuration, run, posted.UnitsPerSecond * EventsPerReport, projected.UnitsPerSecond);
            }
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
            await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        }
    }

    private TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Min(1, context.Options.Seconds / 4));

    private async Task ReadViewsAsync(HttpClient client, Guid[] incidents, int run, CancellationToken cancellationToken)
    {
        if (incidents.Length == 0)
        {
            return;
        }

        await LoadLoop.RunAsync(2, WarmUp, w => ViewReader(client, incidents, w), cancellationToken);
        foreach (var readers in ViewReaderCounts)
        {
            var configuration = $"stored view, {readers} reader(s)";
            var read = await LoadLoop.RunAsync(readers, context.Options.ReadDuration, w => ViewReader(client, incidents, (run * 100) + w), cancellationToken);
            context.Results.Record(ResultSink.Ours, "view_get_req_per_s", configuration, "req/s", run, read.UnitsPerSecond);
            context.Results.RecordLatencies(ResultSink.Ours, "view_get", configuration, run, read.Latencies);
        }
    }

    private async Task<LoadResult> AppendReportsAsync(
        Domain.Reports.SubmitReport command, int writers, bool inlineProjections, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        using var store = await Stores.OpenAsync(context, LibrarySchema, inlineProjections, migrate: true, cancellationToken);
        var appends = new ReportAppends(store, new Api.Store.RecordingClock(Stores.Settings(context, LibrarySchema)), command, context.Options.ReportsPerIncident);
        await LoadLoop.RunAsync(Math.Min(writers, 8), WarmUp, appends.Writer, cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        return await LoadLoop.RunAsync(writers, context.Options.WriteDuration, appends.Writer, cancellationToken);
    }

    /// <summary>One client: opens an incident (not a measured call), posts reports to it, and opens the next when it has posted enough.</summary>
    private Func<CancellationToken, Task<int>> Poster(HttpClient client, byte[] body, string name, ConcurrentBag<Guid> incidents)
    {
        Guid? incident = null;
        var reports = 0;
        var perIncident = context.Options.ReportsPerIncident;
        return async cancellationToken =>
        {
            if (incident is null || (perIncident > 0 && reports == perIncident))
            {
                incident = await OpenIncidentAsync(client, $"Benchmark incident of {name}", cancellationToken);
                incidents.Add(incident.Value);
                reports = 0;
                return 0;
            }

            await PostAsync(client, new Uri($"/api/incidents/{incident}/reports", UriKind.Relative), body, cancellationToken);
            reports++;
            return 1;
        };
    }

    private static Func<CancellationToken, Task<int>> ViewReader(HttpClient client, Guid[] incidents, int seed)
    {
        var random = new Random(seed);
        return async cancellationToken =>
        {
            var id = incidents[random.Next(incidents.Length)];
            using var response = await client.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? 1 : throw new HttpRequestException($"GET incident {id}: {(int)response.StatusCode}");
        };
    }

    public static async Task<Guid> OpenIncidentAsync(HttpClient client, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = await PostAsync(client, new Uri("/api/incidents", UriKind.Relative), ReportSamples.OpenIncident(title), cancellationToken);
        using var json = JsonDocument.Parse(created);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>POSTs a JSON body; anything but 201 Created fails the phase with the server's answer.</summary>
    public static async Task<byte[]> PostAsync(HttpClient client, Uri path, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Created
            ? answer
            : throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(answer)}");
    }
}
