using System.Diagnostics;
using System.Runtime.InteropServices;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The event store and the service against plain PostgreSQL, on one cluster in one run (see
/// README.md beside this file and shared/peers/README.md). Prints a table to stdout; with --results, appends
/// every sample to the peer harness's TSV file.
/// </summary>
public static class BenchmarkProgram
{
    private sealed record Phase(string Name, TimeSpan Limit, Func<CancellationToken, Task> RunAsync);

    public static async Task<int> Main(string[] args)
    {
        // `generate gtd ROWS FILE`: a GTD-shaped file (Windows-1252, 0718 layout) to try an import by hand.
        if (args is ["generate", "gtd", var count, var path])
        {
            await using var file = File.Create(path);
            var generator = new GtdGenerator(seed: 7);
            generator.Write(file, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), Domain.Exchange.TextCharset.Windows1252);
            Console.Error.WriteLine($"{count} rows ({generator.Bad.Count} bad) written to {path}");
            return 0;
        }

        var options = BenchOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        var root = BenchContext.FindRepositoryRoot();
        var payloadFile = options.PayloadFile
            ?? (root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "peers", "payload.json")));
        if (payloadFile is null || !File.Exists(payloadFile))
        {
            Console.Error.WriteLine($"The payload file was not found ({payloadFile ?? "no repository found above here"}); pass --payload FILE.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // The harness ends an over-long part with SIGTERM: stop measuring, but still stop the API child.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        var connectionString = options.ConnectionString is { } given
            ? PostgresUrl.ToConnectionString(given)
            : await LocalPostgres.StartAsync("attacktracker_bench", stop.Token);
        await using var admin = NpgsqlDataSource.Create(connectionString);
        var results = new ResultSink(options.ResultsFile, Console.Error);
        var context = new BenchContext(options, connectionString, root ?? Directory.GetCurrentDirectory(), Payload.Load(payloadFile), results, new Database(admin));
        await DescribeAsync(context, stop.Token);

        var failed = new List<string>();
        var total = Stopwatch.StartNew();
        foreach (var phase in Phases(context).Where(p => options.Includes(p.Name)))
        {
            if (stop.IsCancellationRequested)
            {
                failed.Add($"{phase.Name} (not started)");
                continue;
            }

            context.Say($"{phase.Name}: start (limit {phase.Limit.TotalSeconds:0}s)");
            var clock = Stopwatch.StartNew();
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            bounded.CancelAfter(phase.Limit);
            try
            {
                await phase.RunAsync(bounded.Token);
                context.Say($"{phase.Name}: done in {clock.Elapsed.TotalSeconds:0.0}s");
            }
            catch (Exception ex) when (bounded.IsCancellationRequested && ex is OperationCanceledException or NpgsqlException or HttpRequestException or IOException)
            {
                context.Say($"{phase.Name}: {(stop.IsCancellationRequested ? "STOPPED" : "TIMED OUT")} after {clock.Elapsed.TotalSeconds:0}s");
                failed.Add($"{phase.Name} ({(stop.IsCancellationRequested ? "stopped" : "timed out")})");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                context.Say($"{phase.Name}: FAILED: {ex}");
                failed.Add($"{phase.Name} (failed)");
            }
        }

        if (!options.KeepSchemas)
        {
            await DropSchemasAsync(context);
        }

        Console.WriteLine();
        Console.WriteLine($"AttackTracker benchmark: runs={options.Runs} seconds={options.Seconds} read-seconds={options.ReadDuration.TotalSeconds} "
            + $"rebuild-events={options.RebuildEvents} reports-per-incident={options.ReportsPerIncident}; total {total.Elapsed.TotalSeconds:0}s");
        SummaryTable.Print(results.Samples, Console.Out);
        Console.WriteLine();
        Console.WriteLine("ours = the event store or the service; ours-raw = plain Npgsql on the same cluster in the same run.");
        Console.WriteLine("*_ratio_* rows (x) divide ours by its baseline run by run: for a rate, the share of the baseline reached;");
        Console.WriteLine("for a latency, how many times the baseline's it takes.");
        if (failed.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"not complete: {string.Join(", ", failed)}");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<Phase> Phases(BenchContext context)
    {
        var o = context.Options;
        var write = o.Seconds;
        var read = o.ReadDuration.TotalSeconds;
        double Seconds(double s) => Math.Ceiling(s);
        // Generous bounds: a phase that takes longer than this is stuck, not slow.
        const double datasetLoad = 600;
        yield return new Phase("append", TimeSpan.FromSeconds(Seconds(60 + (o.Runs * 8 * (write + 20)))), new AppendBenchmark(context).RunAsync);
        yield return new Phase("read", TimeSpan.FromSeconds(Seconds(datasetLoad + (o.Runs * 6 * (read + 20)))), new ReadBenchmark(context).RunAsync);
        yield return new Phase("feed", TimeSpan.FromSeconds(Seconds(datasetLoad + (o.Runs * (write + 180)))), new FeedBenchmark(context).RunAsync);
        yield return new Phase("http", TimeSpan.FromSeconds(Seconds(60 + (o.Runs * 3 * ((4 * write) + (2 * read) + 150)))), new HttpBenchmark(context).RunAsync);
        yield return new Phase("timetravel", TimeSpan.FromSeconds(Seconds(600 + (o.Runs * 4 * (read + 60)))), new TimeTravelBenchmark(context).RunAsync);
        // Loading and each rebuild are bounded as if they ran at no more than 2,000 events/s.
        var rebuild = o.RebuildEvents / 2000.0;
        yield return new Phase("coldstart", TimeSpan.FromSeconds(Seconds(60 + (o.Runs * 2 * 120))), new ColdStartBenchmark(context).RunAsync);
        yield return new Phase("rebuild", TimeSpan.FromSeconds(Seconds(120 + rebuild + (o.Runs * ((3 * rebuild) + 60)))), new RebuildBenchmark(context).RunAsync);
        // Ten events an incident, loaded at no less than 100 incidents/s, rebuilt and exported twice.
        // Generated, uploaded and imported at no less than 200 rows/s, and the raw baseline.
        yield return new Phase("import", TimeSpan.FromSeconds(Seconds(o.ImportFormats.Count * (300 + (o.Runs * o.ImportRows * 2 / 200.0)))), new ImportBenchmark(context).RunAsync);
        // Imported at no less than 100 rows/s, about eleven events a row rebuilt at no less than 2,000 events/s
        // (each run, and the daemon's cold start likewise), and twenty minutes for the reads, exports and verify.
        var size = o.SizeIncidents * 11 / 2000.0;
        yield return new Phase("size", TimeSpan.FromSeconds(Seconds(1200 + (o.SizeIncidents / 100.0) + (o.Runs * 2 * size))), new SizeBenchmark(context).RunAsync);
        // Imported at no less than 100 rows/s, and ten minutes for the reads and each run's review pass.
        yield return new Phase("candidates", TimeSpan.FromSeconds(Seconds(600 + (o.CandidateIncidents * 1.1 / 100.0) + (o.Runs * 600))), new CandidateBenchmark(context).RunAsync);
        yield return new Phase("export", TimeSpan.FromSeconds(Seconds(300 + (o.ExportIncidents * 1.1 / 100.0) + (o.ExportIncidents * 20 / 2000.0))), new ExportBenchmark(context).RunAsync);
    }

    private static async Task DropSchemasAsync(BenchContext context)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            foreach (var schema in await context.Database.BenchSchemasAsync(limit.Token))
            {
                await context.Database.DropSchemaAsync(schema, limit.Token);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            context.Say($"could not drop the bench_* schemas: {ex.Message}");
        }
    }

    private static async Task DescribeAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var server = await context.Database.ScalarAsync<string>(
            "SELECT format('PostgreSQL %s; fsync %s, synchronous_commit %s, shared_buffers %s, max_connections %s', "
            + "current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), "
            + "current_setting('shared_buffers'), current_setting('max_connections'))",
            cancellationToken);
        context.Say($"{server}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
    }
}
