using System.Diagnostics;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Exchange;
using Marten;
using Spectre.Console;

namespace AttackTracker.Api.Exchange;

/// <summary>The summary an import from the command line prints when it ends.</summary>
public sealed record ImportSummary(string File, long Rows, long Imported, long Unchanged, long Rejected, long Withdrawn, double Seconds, double RowsPerSecond, IReadOnlyList<GtdRowError> Rejections);

/// <summary>
/// <c>import FORMAT FILE</c>: the file is scanned first (every byte decoded in its charset, every
/// record counted; nothing is written when it cannot be read), then imported in batches with the
/// same run as a job. Progress goes to standard error: a bar on a terminal, a line every few
/// seconds otherwise. The summary (JSON) goes to standard output.
/// </summary>
public static class ImportCommand
{
    /// <summary>Rejections the summary lists; the count covers them all.</summary>
    public const int ListedRejections = 1_000;

    public static async Task<int> RunAsync(IServiceProvider services, FileInfo file, ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        Func<Stream> open = () => new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        CsvScan scan;
        try
        {
            await using var bytes = open();
            scan = await CsvScan.ScanAsync(bytes, request.Charset, null, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read {file.FullName}: {ex.Message}");
            return 1;
        }

        if (scan.Fatal is { } fatal)
        {
            Console.Error.WriteLine($"Refused, nothing written: {fatal}");
            return 1;
        }

        var progress = new RowProgress(scan.Rows);
        var clock = Stopwatch.StartNew();
        var origin = new WriteOrigin("import-command", $"import:{request.Source} {request.Release}");
        var run = services.GetRequiredService<ImportRun>();
        ImportRunResult result;
        if (Console.IsErrorRedirected)
        {
            progress.Plain = true;
            result = await run.RunAsync(open, request, origin, [], progress, cancellationToken);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    progress.Bar = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, scan.Rows));
                    return await run.RunAsync(open, request, origin, [], progress, cancellationToken);
                });
        }

        var refused = result.Refused.Count > 0 ? result.Refused : progress.Refused;
        var withdrawn = result.Finished && result.Refused.Count == 0
            ? await services.GetRequiredService<MissingRows>().WithdrawAsync(open, request, origin, cancellationToken)
            : MissingRowsResult.None;
        if (withdrawn.NotDone is { } notDone)
        {
            Console.Error.WriteLine(notDone);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(ExchangeCommands.Summary(new ImportSummary(
            file.FullName, result.Counts.RowsRead, result.Counts.Imported, result.Counts.Unchanged, result.Counts.Rejected, withdrawn.Withdrawn,
            Math.Round(seconds, 1), Math.Round(result.Counts.RowsRead / Math.Max(seconds, 0.001), 1), [.. refused.Take(ListedRejections)])));
        if (result.Refused.Count > 0)
        {
            Console.Error.WriteLine("Mode all: rows were refused, so nothing was written.");
        }

        return result.Counts.Rejected == 0 ? 0 : 1;
    }

    /// <summary>Reports each committed batch on standard error.</summary>
    private sealed class RowProgress(long rows) : IImportObserver
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _lastLine = TimeSpan.Zero;

        public bool Plain { get; set; }

        public ProgressTask? Bar { get; set; }

        public List<GtdRowError> Refused { get; } = [];

        private readonly Lock _lock = new();

        public void Committing(IDocumentSession session, ImportCounts delta, LineRange lines, IReadOnlyList<GtdRowError> rejected)
        {
        }

        public ValueTask<bool> CommittedAsync(ImportCounts total, IReadOnlyList<ImportedRow> written, IReadOnlyList<GtdRowError> rejected, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                Report(total, rejected);
            }

            return ValueTask.FromResult(true);
        }

        private void Report(ImportCounts total, IReadOnlyList<GtdRowError> rejected)
        {
            if (Refused.Count < ListedRejections)
            {
                Refused.AddRange(rejected.Take(ListedRejections - Refused.Count));
            }

            Bar?.Value(Math.Max(Bar.Value, total.RowsRead));
            if (Plain && (_clock.Elapsed - _lastLine > TimeSpan.FromSeconds(5) || total.RowsRead >= rows))
            {
                _lastLine = _clock.Elapsed;
                var rate = total.RowsRead / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
                var left = rate > 0 ? (rows - total.RowsRead) / rate : 0;
                Console.Error.WriteLine(
                    $"{total.RowsRead}/{rows} rows read: {total.Imported} imported, {total.Unchanged} unchanged, {total.Rejected} rejected; {rate:F0} rows/s, about {left:F0} s left");
            }
        }
    }
}
