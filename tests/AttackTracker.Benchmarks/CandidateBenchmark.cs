using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// Candidate duplicates at real size (issue 23): --candidate-incidents GTD-shaped rows
/// (GtdGenerator) and a tenth as many RAND rows (RandGenerator, the same towns and years, so pairs
/// across the two data sets exist) imported through the API. Then, over HTTP: an incident's
/// candidates (<c>GET /api/incidents/{id}/candidates</c>) for incidents picked at random, at 1 and
/// at 8 clients, beside the API list's first page as the same run's baseline of one indexed read;
/// and the store-wide review list (<c>GET /api/candidates</c>) followed page by page to its end,
/// with its time, pairs and the service's peak memory.
/// </summary>
public sealed class CandidateBenchmark(BenchContext context)
{
    public const string Schema = "bench_candidates";
    private const int Sampled = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var configuration = await LoadAsync(cancellationToken);
        var schema = Database.Quote(Schema);
        await context.Database.ExecuteAsync($"VACUUM ANALYZE {schema}.mt_doc_incidentlisting", cancellationToken);
        var ids = await SampleAsync(cancellationToken);
        await using (var api = await ApiProcess.StartAsync(context, Schema, cancellationToken, fresh: false))
        {
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                foreach (var clients in new[] { 1, 8 })
                {
                    var baseline = await LoopAsync(api, clients, _ => "/api/incidents?pageSize=20", cancellationToken);
                    context.Results.RecordLatencies(ResultSink.Ours, "list_get", $"api list, first page, {clients} clients, {configuration}", run, baseline.Latencies);
                    var next = 0;
                    var result = await LoopAsync(api, clients, _ => $"/api/incidents/{ids[Interlocked.Increment(ref next) % ids.Count]}/candidates", cancellationToken);
                    context.Results.RecordLatencies(ResultSink.Ours, "candidates_get", $"one incident's candidates, {clients} clients, {configuration}", run, result.Latencies);
                    context.Results.RecordRatio("candidates_ratio_to_list", $"p50, {clients} clients, {configuration}", run, result.Latencies.P50, baseline.Latencies.P50);
                }

                await ReviewPassAsync(api, configuration, run, cancellationToken);
            }
        }

        if (!context.Options.KeepSchemas)
        {
            await context.Database.DropSchemaAsync(Schema, cancellationToken);
        }
    }

    private Task<LoadResult> LoopAsync(ApiProcess api, int clients, Func<int, string> path, CancellationToken cancellationToken) =>
        LoadLoop.RunAsync(clients, context.Options.ReadDuration, worker => async ct =>
        {
            using var response = await api.Client.GetAsync(new Uri(path(worker), UriKind.Relative), ct);
            await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync(ct);
            return 1;
        }, cancellationToken);

    /// <summary>The review list from its first page to its end, 100 pairs a page, following the cursors.</summary>
    private async Task ReviewPassAsync(ApiProcess api, string configuration, int run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long pairs = 0, pages = 0;
        var path = "/api/candidates?pageSize=100";
        while (true)
        {
            using var page = JsonDocument.Parse(await api.Client.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken));
            pairs += page.RootElement.GetProperty("items").GetArrayLength();
            pages++;
            if (!page.RootElement.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String)
            {
                break;
            }

            path = $"/api/candidates?pageSize=100&cursor={Uri.EscapeDataString(next.GetString()!)}";
        }

        var seconds = clock.Elapsed.TotalSeconds;
        context.Results.Record(ResultSink.Ours, "candidates_review_pass_s", configuration, "s", run, seconds);
        context.Results.Record(ResultSink.Ours, "candidates_review_pairs", configuration, "pairs", run, pairs);
        context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", $"after the review pass, {configuration}", "MiB", run, api.PeakRssMegabytes());
        context.Say($"candidates: review pass {pages:N0} pages, {pairs:N0} pairs in {seconds:0.0} s");
    }

    /// <summary>Incidents picked at random (a fixed seed), the same in every run.</summary>
    private async Task<List<Guid>> SampleAsync(CancellationToken cancellationToken)
    {
        await using var command = context.Database.Admin.CreateCommand(
            $"SELECT setseed(0.23); SELECT id FROM {Database.Quote(Schema)}.mt_doc_incidentlisting ORDER BY random() LIMIT {Sampled}");
        var ids = new List<Guid>(Sampled);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Imports the rows; a store kept from an earlier run (--keep-schemas) of the same size is measured as it is.</summary>
    private async Task<string> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = context.Options.CandidateIncidents;
        var kept = await context.Database.ScalarAsync<bool>($"SELECT to_regclass('{Schema}.mt_doc_incidentlisting') IS NOT NULL", cancellationToken)
            ? await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.mt_doc_incidentlisting", cancellationToken)
            : 0;
        if (kept >= rows)
        {
            context.Say($"candidates: measuring the kept store of {kept:N0} incidents");
            return $"{kept:N0} incidents ({rows:N0} GTD rows, {Math.Max(1, rows / 10):N0} RAND rows)";
        }

        var file = Path.Combine(Path.GetTempPath(), $"attacktracker-candidates-{Environment.ProcessId}.csv");
        await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
        try
        {
            var sets = new (DatasetWriter Writer, int Rows, string Format, string Source, string Charset)[]
            {
                (new DatasetWriter((o, n) => new GtdGenerator(seed: 23).Write(o, n, TextCharset.Windows1252)), rows, "gtd", "Global Terrorism Database", "windows-1252"),
                (new DatasetWriter((o, n) => new RandGenerator(seed: 23).Write(o, n)), Math.Max(1, rows / 10), "rand", "RAND Database of Worldwide Terrorism Incidents", "utf-8"),
            };
            foreach (var (writer, count, format, source, charset) in sets)
            {
                await using (var output = File.Create(file))
                {
                    writer.Write(output, count);
                }

                var clock = Stopwatch.StartNew();
                var (job, _) = await BenchHttp.ImportAsync(api.Client, file, format, source, "2026-12", charset, null, cancellationToken);
                context.Say($"candidates: {count:N0} {format} rows imported in {clock.Elapsed.TotalSeconds:0} s, {job.GetProperty("rejected").GetInt64()} rejected");
            }

            await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromMinutes(30), cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }

        var incidents = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.mt_doc_incidentlisting", cancellationToken);
        return $"{incidents:N0} incidents ({rows:N0} GTD rows, {Math.Max(1, rows / 10):N0} RAND rows)";
    }

    /// <summary>A generator's writing of so many rows to a stream.</summary>
    private sealed record DatasetWriter(Action<Stream, int> Write);
}
