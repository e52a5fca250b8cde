using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// For each of --import-formats, a file of --import-rows rows in its data set's layout (GtdGenerator:
/// about ten facts a row, 1 % bad rows, Windows-1252 as START publishes the GTD; UcdpGenerator,
/// RandGenerator, AcledGenerator likewise, issue 23) uploaded to the API in a child process and imported as
/// a job, from the first byte sent to the job's completion; the API's peak RSS; the statistics'
/// lag while it runs and their catch-up after. The raw baseline inserts the same number of events,
/// of the same average size, into the peers' physical table in transactions of the same size
/// (the events of one batch of rows), one writer, as multi-row INSERTs.
/// </summary>
public sealed class ImportBenchmark(BenchContext context)
{
    public const string Schema = "bench_import";
    private const string RawSchema = "bench_import_raw";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var format in context.Options.ImportFormats)
        {
            await RunAsync(format, cancellationToken);
        }
    }

    /// <summary>One format's file, as its data set publishes it: the GTD's and RAND's in Windows-1252, UCDP's and ACLED's in UTF-8.</summary>
    private static (Action<Stream, int> Write, Func<int> Bad, TextCharset Charset, string Source) Generator(string format)
    {
        switch (format)
        {
            case "ucdp":
                var ucdp = new UcdpGenerator(seed: 7);
                return ((s, n) => ucdp.Write(s, n), () => ucdp.Bad.Count, TextCharset.Utf8, "UCDP GED");
            case "rand":
                var rand = new RandGenerator(seed: 7);
                return ((s, n) => rand.Write(s, n, TextCharset.Windows1252), () => rand.Bad.Count, TextCharset.Windows1252, "RAND RDWTI");
            case "acled":
                var acled = new AcledGenerator(seed: 7);
                return ((s, n) => acled.Write(s, n), () => acled.Bad.Count, TextCharset.Utf8, "ACLED");
            default:
                var gtd = new GtdGenerator(seed: 7);
                return ((s, n) => gtd.Write(s, n, TextCharset.Windows1252), () => gtd.Bad.Count, TextCharset.Windows1252, "Global Terrorism Database");
        }
    }

    private async Task RunAsync(string format, CancellationToken cancellationToken)
    {
        var rows = context.Options.ImportRows;
        var file = Path.Combine(Path.GetTempPath(), $"attacktracker-{format}-{rows}.csv");
        try
        {
            var generator = Generator(format);
            await using (var output = File.Create(file))
            {
                generator.Write(output, rows);
            }

            var charset = TextDecoding.Name(generator.Charset);
            context.Say($"import: {format}: {rows} generated rows, {new FileInfo(file).Length / (1024 * 1024)} MiB, {generator.Bad()} bad");
            for (var run = 1; run <= context.Options.Runs; run++)
            {
                await context.Database.DropSchemaAsync(Schema, cancellationToken);
                // The GTD's configuration keeps the name its earlier results were recorded under.
                var configuration = format == "gtd" ? $"{rows} GTD rows, windows-1252" : $"{rows} {format} rows, {charset}";
                await using var api = await ApiProcess.StartAsync(context, Schema, cancellationToken);
                await context.Database.CheckpointAsync(cancellationToken);
                var clock = Stopwatch.StartNew();
                var lag = new DaemonLag();
                var (job, uploaded) = await BenchHttp.ImportAsync(api.Client, file, format, generator.Source, "2021-06", charset, lag.SampleAsync, cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var rate = rows / seconds;
                context.Results.Record(ResultSink.Ours, "import_rows_per_s", configuration, "rows/s", run, rate);
                context.Results.Record(ResultSink.Ours, "import_upload_s", configuration, "s", run, uploaded);
                context.Results.Record(ResultSink.Ours, "import_rejected_rows", configuration, "rows", run, job.GetProperty("rejected").GetInt64());
                context.Results.Record(ResultSink.Ours, "service_peak_rss_mb", configuration, "MiB", run, api.PeakRssMegabytes());
                context.Results.Record(ResultSink.Ours, "daemon_lag_events_max", configuration, "events", run, DaemonLag.Percentile(lag.Samples, 1.0));
                context.Results.Record(ResultSink.Ours, "daemon_catch_up_after_load_s", configuration, "s", run, await DaemonLag.CatchUpAsync(api.Client, TimeSpan.FromMinutes(10), cancellationToken));
                var (events, averageBytes) = await EventsAsync(cancellationToken);
                var raw = await RawAsync(events, averageBytes, rows, cancellationToken);
                context.Results.Record(ResultSink.OursRaw, "import_rows_per_s", configuration, "rows/s", run, raw);
                context.Results.RecordRatio("import_ratio_to_raw_insert", configuration, run, rate, raw);
                context.Say($"import: {format}: run {run}: {rate:F0} rows/s ({events} events, {seconds:F0} s, upload {uploaded:F1} s); raw {raw:F0} rows/s");
            }
        }
        finally
        {
            File.Delete(file);
            if (!context.Options.KeepSchemas)
            {
                await context.Database.DropSchemaAsync(Schema, CancellationToken.None);
                await context.Database.DropSchemaAsync(RawSchema, CancellationToken.None);
            }
        }
    }

    private async Task<(long Events, int AverageBytes)> EventsAsync(CancellationToken cancellationToken)
    {
        var events = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {Database.Quote(Schema)}.mt_events", cancellationToken);
        var bytes = await context.Database.ScalarAsync<decimal>($"SELECT coalesce(avg(length(data::text)), 0) FROM {Database.Quote(Schema)}.mt_events", cancellationToken);
        return (events, (int)bytes);
    }

    /// <summary>The same number of events, of the same size, as multi-row INSERTs in transactions of one batch of rows' events.</summary>
    private async Task<double> RawAsync(long events, int averageBytes, int rows, CancellationToken cancellationToken)
    {
        await context.Database.DropSchemaAsync(RawSchema, cancellationToken);
        var table = new RawEventsTable(RawSchema);
        await context.Database.ExecuteAsync(table.Create, cancellationToken);
        await context.Database.CheckpointAsync(cancellationToken);
        var json = JsonSerializer.Serialize(new { text = new string('x', Math.Max(1, averageBytes - 11)) });
        var perBatch = (int)Math.Max(1, events * Api.Exchange.ImportWriter.BatchRows / Math.Max(1, rows));
        var clock = Stopwatch.StartNew();
        for (long written = 0; written < events; written += perBatch)
        {
            var count = (int)Math.Min(perBatch, events - written);
            await using var insert = table.Insert(context.Database.Admin, count, Guid.CreateVersion7(), 1, json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return rows / clock.Elapsed.TotalSeconds;
    }
}
