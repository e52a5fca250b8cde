using System.Globalization;
using System.Text.Json;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Reads at real size (issue 27): --size-incidents GTD-shaped rows (GtdGenerator, about ten facts a
/// row) imported through the API as two releases (the first half published 2019-06, the second
/// 2021-06), so both time axes have a point that splits the record in two. Then, on that store:
/// every projection rebuilt, the statistics asked on both axes for every grouping, the incident list,
/// its search and the web list at 8 clients on the first and a deep page, both exports and
/// <c>verify</c>, and the statistics' daemon from a cold start. Each against the same run's baseline.
/// </summary>
public sealed class SizeBenchmark(BenchContext context)
{
    public const string Schema = "bench_size";
    private const string FirstRelease = "2019-06";
    private const string SecondRelease = "2021-06";
    private const int Clients = 8;
    private const int StatsRepeats = 5;

    private static readonly string[] GroupBys = ["", "country", "year", "group", "attackType", "weaponType"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (recordedMidway, importConfiguration) = await LoadAsync(cancellationToken);
        var schema = Database.Quote(Schema);
        var events = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.mt_events", cancellationToken);
        var incidents = (int)await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.mt_doc_incidentstate", cancellationToken);
        var configuration = $"{incidents:N0} GTD-shaped incidents, {events:N0} events";
        context.Say($"size: {configuration} ({importConfiguration})");
        await context.Database.ExecuteAsync($"VACUUM ANALYZE {schema}.mt_events", cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);

        await using (var api = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh: false))
        {
            // The statistics the daemon kept while the import ran, checked before anything rebuilds them.
            await VerifyAsync(api, $"after the import, {configuration}", cancellationToken);
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                await ReadRates.RebuildAsync(context, api, Schema, events, incidents, configuration, run, cancellationToken);
            }

            context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild, {configuration}", "MiB", 1, api.PeakRssMegabytes());
            await StatsAsync(api, recordedMidway, configuration, cancellationToken);
            await ListsAsync(api, incidents, configuration, cancellationToken);
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                await ReadRates.ExportsAsync(context, api, Schema, incidents, events, configuration, run, cancellationToken);
            }

            context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"rebuild, reads and exports, {configuration}", "MiB", 1, api.PeakRssMegabytes());
            await VerifyAsync(api, $"after the rebuild, {configuration}", cancellationToken);
        }

        for (var run = 1; run <= context.Options.Runs; run++)
        {
            await using var cold = await ReadRates.ColdStartAsync(context, Schema, events, configuration, run, cancellationToken);
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    /// <summary>Two generated releases imported as jobs; the recording time between them, read from the server.</summary>
    private async Task<(DateTime RecordedMidway, string Configuration)> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = context.Options.SizeIncidents;
        var generator = new GtdGenerator(seed: 27);
        var file = Path.Combine(Path.GetTempPath(), $"attacktracker-size-{Environment.ProcessId}.csv");
        var midway = default(DateTime);
        await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
        try
        {
            foreach (var (count, release) in new[] { (rows / 2, FirstRelease), (rows - (rows / 2), SecondRelease) })
            {
                await using (var output = File.Create(file))
                {
                    generator.Write(output, count, TextCharset.Windows1252);
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var (job, _) = await BenchHttp.ImportAsync(api.Client, file, "gtd", "Global Terrorism Database", release, "windows-1252", null, cancellationToken);
                context.Results.Record(ResultSink.Ours, "import_rows_per_s", $"{count:N0} GTD rows, release {release}, {rows:N0} in all", "rows/s", 1, count / clock.Elapsed.TotalSeconds);
                context.Say($"size: release {release}: {count:N0} rows imported in {clock.Elapsed.TotalSeconds:0} s, {job.GetProperty("rejected").GetInt64()} rejected");
                midway = midway == default ? await context.Database.ScalarAsync<DateTime>("SELECT clock_timestamp()", cancellationToken) : midway;
            }

            await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromMinutes(30), cancellationToken);
            context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"import of {rows:N0} GTD rows", "MiB", 1, api.PeakRssMegabytes());
            return (midway, $"{rows:N0} GTD rows, {generator.Bad.Count} bad");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Each grouping (and none) on the current totals, as of a publication date inside the record
    /// and after it, and as the record stood between the two imports: the median of
    /// <see cref="StatsRepeats"/> warm requests each, and each axis' ratio to the current totals.
    /// </summary>
    private async Task StatsAsync(ApiProcess api, DateTime recordedMidway, string configuration, CancellationToken cancellationToken)
    {
        var recorded = Uri.EscapeDataString(recordedMidway.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var axes = new (string Name, string Query)[]
        {
            ("current", string.Empty),
            ("asOf inside", "asOf=2020-01-01"),
            ("asOf after", "asOf=2022-01-01"),
            ("recordedAsOf midway", $"recordedAsOf={recorded}"),
        };
        var country = new double[context.Options.Runs];
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var groupBy in GroupBys)
            {
                var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (name, query) in axes)
                {
                    var parameters = string.Join('&', new[] { groupBy.Length > 0 ? $"groupBy={groupBy}" : string.Empty, query }.Where(p => p.Length > 0));
                    var path = parameters.Length > 0 ? $"/api/stats?{parameters}" : "/api/stats";
                    await BenchHttp.TimedGetAsync(api.Client, path, cancellationToken);
                    var times = new List<double>(StatsRepeats);
                    for (var i = 0; i < StatsRepeats; i++)
                    {
                        times.Add(await BenchHttp.TimedGetAsync(api.Client, path, cancellationToken));
                    }

                    times.Sort();
                    seconds[name] = times[StatsRepeats / 2];
                    var label = $"groupBy={(groupBy.Length > 0 ? groupBy : "none")}, {name}, {configuration}";
                    context.Results.Record(ResultSink.Ours, "stats_get_s", label, "s", run, seconds[name]);
                }

                foreach (var (name, _) in axes.Skip(1))
                {
                    context.Results.RecordRatio("stats_axis_ratio_to_current", $"groupBy={(groupBy.Length > 0 ? groupBy : "none")}, {name}, {configuration}", run, seconds[name], seconds["current"]);
                }

                if (groupBy == "country")
                {
                    country[run - 1] = seconds["current"];
                }
                else if (groupBy == "group")
                {
                    context.Results.RecordRatio("stats_group_ratio_to_country", configuration, run, seconds["current"], country[run - 1]);
                }
            }
        }
    }

    /// <summary>
    /// The incident list, its search and the web list at <see cref="Clients"/> clients, each on its
    /// first page and on a page half-way through the record (reached by following the cursors once).
    /// </summary>
    private async Task ListsAsync(ApiProcess api, int incidents, string configuration, CancellationToken cancellationToken)
    {
        var deep = await DeepCursorAsync(api.Client, incidents / 2, cancellationToken);
        var pages = new (string Name, string Path)[]
        {
            ("api list, first page", "/api/incidents"),
            ($"api list, page at {incidents / 2:N0}", $"/api/incidents?cursor={Uri.EscapeDataString(deep)}"),
            ("api list by toll, first page", "/api/incidents?sort=toll"),
            ("api search 'mosul' (common)", "/api/incidents?q=mosul"),
            ("api search 'trebes' (rare, accent-insensitive)", "/api/incidents?q=trebes"),
            ("api search 'bombing' (summaries)", "/api/incidents?q=bombing"),
            ("api search 'mosul', country IQ, 2010-2020", "/api/incidents?q=mosul&country=IQ&from=2010-01-01&to=2020-12-31"),
            ("web list, first page", "/"),
            ($"web list, page at {incidents / 2:N0}", $"/?cursor={Uri.EscapeDataString(deep)}"),
            ("web search 'mosul'", "/?q=mosul"),
        };
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var (name, path) in pages)
            {
                await BenchHttp.TimedGetAsync(api.Client, path, cancellationToken);
                var result = await LoadLoop.RunAsync(Clients, context.Options.ReadDuration, _ => async ct =>
                {
                    using var response = await api.Client.GetAsync(new Uri(path, UriKind.Relative), ct);
                    await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(ct);
                    return 1;
                }, cancellationToken);
                context.Results.RecordLatencies(ResultSink.Ours, "list_get", $"{name}, {Clients} clients, {configuration}", run, result.Latencies);
            }
        }
    }

    /// <summary>The next cursor after <paramref name="depth"/> incidents, following the list's pages of 100.</summary>
    private static async Task<string> DeepCursorAsync(HttpClient client, int depth, CancellationToken cancellationToken)
    {
        var path = "/api/incidents?pageSize=100";
        string? next = null;
        for (var seen = 0; seen < depth; seen += 100)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken));
            next = page.RootElement.GetProperty("next").GetString() ?? throw new InvalidOperationException($"The list ended after {seen:N0} incidents.");
            path = $"/api/incidents?pageSize=100&cursor={Uri.EscapeDataString(next)}";
        }

        return next ?? throw new InvalidOperationException("The list is empty.");
    }

    /// <summary>GET /api/admin/verify over the whole store: its own rate, and the service's peak resident set after it.</summary>
    private async Task VerifyAsync(ApiProcess api, string configuration, CancellationToken cancellationToken)
    {
        using var verified = JsonDocument.Parse(await api.Client.GetStringAsync(new Uri("/api/admin/verify", UriKind.Relative), cancellationToken));
        var root = verified.RootElement;
        if (root.GetProperty("differences").GetArrayLength() != 0)
        {
            throw new InvalidOperationException($"verify found differences: {root}");
        }

        context.Results.Record(ResultSink.Ours, "verify_events_per_s", configuration, "events/s", 1, root.GetProperty("eventsPerSecond").GetDouble());
        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"after verify, {configuration}", "MiB", 1, api.PeakRssMegabytes());
    }
}
