using System.Diagnostics;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The service's cold start, as a real process on Kestrel with the committed pre-generated handler
/// code (TypeLoadMode.Static): spawn to the first healthy answer, then the first 201 of an incident
/// and of a report, on an empty schema (the owner migrates it first) and again on a migrated one.
/// Also the resident set once it has answered.
/// </summary>
public sealed class ColdStartBenchmark(BenchContext context)
{
    public const string Schema = "bench_coldstart";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var body = ReportSamples.Report(ReportSamples.FiveFacts, new DateOnly(2018, 3, 24));
        for (var run = 1; run <= context.Options.Runs; run++)
        {
            foreach (var (fresh, configuration) in new[] { (true, "empty schema"), (false, "migrated schema") })
            {
                await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh);
                var clock = Stopwatch.StartNew();
                var incident = await HttpBenchmark.OpenIncidentAsync(api.Client, "Cold start", cancellationToken);
                var firstIncident = clock.Elapsed;
                clock.Restart();
                await HttpBenchmark.PostAsync(api.Client, new Uri($"/api/incidents/{incident}/reports", UriKind.Relative), body, cancellationToken);
                var firstReport = clock.Elapsed;
                context.Results.Record(ResultSink.Ours, "cold_start_to_healthy_ms", configuration, "ms", run, api.Startup.TotalMilliseconds);
                context.Results.Record(ResultSink.Ours, "cold_start_first_incident_201_ms", configuration, "ms", run, firstIncident.TotalMilliseconds);
                context.Results.Record(ResultSink.Ours, "cold_start_first_report_201_ms", configuration, "ms", run, firstReport.TotalMilliseconds);
                context.Results.Record(ResultSink.Ours, "cold_start_to_first_201_ms", configuration, "ms", run, (api.Startup + firstIncident).TotalMilliseconds);
                context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"after cold start, {configuration}", "MiB", run, api.PeakRssMegabytes());
            }
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }
}
