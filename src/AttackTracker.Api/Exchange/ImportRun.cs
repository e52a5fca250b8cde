using AttackTracker.Api.Store;
using AttackTracker.Domain.Exchange;
using Marten;

namespace AttackTracker.Api.Exchange;

/// <summary>Per row (the default): good rows are written, bad ones listed. All: one bad row and nothing is written.</summary>
public enum ImportMode
{
    Rows,
    All,
}

/// <summary>
/// What an import is asked to do: the file's format and charset, the data set's name and release,
/// the mode, and, for a full export of a versioned data set, whether to withdraw the rows it lacks.
/// </summary>
public sealed record ImportRequest(string Format, string Source, string Release, ImportMode Mode, TextCharset Charset, bool WithdrawMissing = false);

/// <summary>How far an import has come: data rows read, and what became of them.</summary>
public sealed record ImportCounts(long RowsRead, long Imported, long Unchanged, long Rejected)
{
    public static ImportCounts Zero { get; } = new(0, 0, 0, 0);

    public ImportCounts Add(long read, IReadOnlyList<ImportedRow> written, long rejected) =>
        new(RowsRead + read, Imported + written.Count(w => w.ReportId is not null), Unchanged + written.Count(w => w.ReportId is null), Rejected + rejected);
}

/// <summary>What a run reports after each batch commits (and, for its rows, in that batch's transaction).</summary>
public interface IImportObserver
{
    /// <summary>Called inside the batch's transaction: what to commit with its rows (a job's progress, and the lines it covers).</summary>
    void Committing(IDocumentSession session, ImportCounts delta, LineRange lines, IReadOnlyList<GtdRowError> rejected);

    /// <summary>
    /// Called once a batch has committed, perhaps while another is being written; the run stops
    /// when it returns false (a cancelled job).
    /// </summary>
    ValueTask<bool> CommittedAsync(ImportCounts total, IReadOnlyList<ImportedRow> written, IReadOnlyList<GtdRowError> rejected, CancellationToken cancellationToken);
}

/// <summary>The lines of the file a batch covered, the rows it read before its first written one included.</summary>
public sealed record LineRange(int First, int Last)
{
    public bool Contains(int line) => line >= First && line <= Last;
}

/// <summary>The outcome of a run: how far it got, and whether it read the whole file or was stopped (or refused, in mode All).</summary>
public sealed record ImportRunResult(ImportCounts Counts, bool Finished, IReadOnlyList<GtdRowError> Refused);

/// <summary>
/// Reads a data set's file record by record with bounded memory and writes its rows in batches
/// (<see cref="ImportWriter"/>), each batch one transaction, <c>Import:Parallelism</c> of them at
/// once (two by default: PostgreSQL works on one while the next is read and decided, and on two
/// cores two backends append side by side). Each batch commits the lines it covers with its rows,
/// so a run taken up again skips exactly the lines an earlier run committed, whatever order the
/// batches committed in. In mode All every row is checked first and nothing is written if any is refused.
/// </summary>
public sealed class ImportRun(ImportWriter writer, ImportFormats formats, TimeProvider clock, IConfiguration configuration)
{
    private readonly int _parallelism = Math.Clamp(configuration.GetValue("Import:Parallelism", 2), 1, 16);

    public async Task<ImportRunResult> RunAsync(
        Func<Stream> open, ImportRequest request, WriteOrigin origin, IReadOnlyList<LineRange> committed, IImportObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(observer);
        var format = formats.Find(request.Format);
        bool Done(int line) => committed.Any(r => r.Contains(line));
        if (request.Mode == ImportMode.All && committed.Count == 0)
        {
            var refused = new List<GtdRowError>();
            var read = 0L;
            await foreach (var (row, errors) in ReadAsync(open, format, request, Done, cancellationToken))
            {
                read++;
                refused.AddRange(errors);
                if (row is null && errors.Count == 0)
                {
                    break;
                }
            }

            if (refused.Count > 0)
            {
                return new ImportRunResult(new ImportCounts(read, 0, 0, refused.Select(e => e.Line).Distinct().Count()), true, refused);
            }
        }

        var run = new BatchProgress(observer);
        var batch = new PendingBatch();
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(_parallelism);
        await foreach (var (row, errors) in ReadAsync(open, format, request, Done, cancellationToken))
        {
            batch.Add(row, errors);
            if (batch.Rows.Count < ImportWriter.BatchRows)
            {
                continue;
            }

            await slots.WaitAsync(cancellationToken);
            if (!run.Going || inFlight.Any(t => t.IsFaulted))
            {
                slots.Release();
                break;
            }

            var full = batch;
            batch = new PendingBatch();
            inFlight.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await FlushAsync(full, origin, run, cancellationToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                cancellationToken));
            inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
        }

        await Task.WhenAll(inFlight);
        if (run.Going && batch.Read > 0)
        {
            await FlushAsync(batch, origin, run, cancellationToken);
        }

        return new ImportRunResult(run.Total, run.Going, []);
    }

    private async Task FlushAsync(PendingBatch batch, WriteOrigin origin, BatchProgress run, CancellationToken cancellationToken)
    {
        var written = new List<ImportedRow>();
        var refused = new List<GtdRowError>(batch.ReadErrors);
        var lines = new LineRange(batch.FirstLine, batch.LastLine);
        // Whichever attempt commits is the whole batch: its rows, and the rows read among them.
        await writer.WriteAsync([.. batch.Rows], origin, written, refused, cancellationToken, (session, rowsWritten, rowsRefused) =>
            run.Observer.Committing(
                session,
                ImportCounts.Zero.Add(batch.Read, rowsWritten, batch.ReadErrors.Concat(rowsRefused).Select(e => e.Line).Distinct().Count()),
                lines,
                [.. batch.ReadErrors, .. rowsRefused]));
        await run.CommittedAsync(batch.Read, written, refused, cancellationToken);
    }

    /// <summary>Rows read and checked since the last batch went out, and the lines they span.</summary>
    private sealed class PendingBatch
    {
        public List<ImportRow> Rows { get; } = new(ImportWriter.BatchRows);

        public List<GtdRowError> ReadErrors { get; } = [];

        public long Read { get; private set; }

        public int FirstLine { get; private set; }

        public int LastLine { get; private set; }

        public void Add(ImportRow? row, IReadOnlyList<GtdRowError> errors)
        {
            var line = row?.Line ?? (errors.Count > 0 ? errors[0].Line : LastLine);
            FirstLine = Read == 0 ? line : FirstLine;
            LastLine = Math.Max(LastLine, line);
            Read++;
            ReadErrors.AddRange(errors);
            if (row is not null)
            {
                Rows.Add(row);
            }
        }
    }

    /// <summary>The run's counts over every batch, and whether it goes on.</summary>
    private sealed class BatchProgress(IImportObserver observer)
    {
        private readonly Lock _lock = new();

        public IImportObserver Observer => observer;

        public ImportCounts Total { get; private set; } = ImportCounts.Zero;

        public bool Going { get; private set; } = true;

        public async Task CommittedAsync(long read, List<ImportedRow> written, List<GtdRowError> refused, CancellationToken cancellationToken)
        {
            ImportCounts total;
            lock (_lock)
            {
                Total = total = Total.Add(read, written, refused.Select(e => e.Line).Distinct().Count());
            }

            if (!await observer.CommittedAsync(total, written, refused, cancellationToken))
            {
                Going = false;
            }
        }
    }

    /// <summary>
    /// The file's rows but those <paramref name="done"/> says an earlier run committed, each checked into a row or its errors. A
    /// file that cannot be read further (no header, a header the format refuses) ends with one
    /// entry holding no row and the errors that stop it.
    /// </summary>
    private async IAsyncEnumerable<(ImportRow? Row, IReadOnlyList<GtdRowError> Errors)> ReadAsync(
        Func<Stream> open, ImportFormat format, ImportRequest request, Func<int, bool> done, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var bytes = open();
        using var text = TextDecoding.Open(bytes, request.Charset);
        var reader = new CsvRecordReader(text);
        CsvRecord? first;
        CsvProblem? problem = null;
        try
        {
            first = await reader.ReadAsync(cancellationToken);
        }
        catch (CsvReadException ex) when (ex.Recoverable)
        {
            (first, problem) = (null, ex.Problem);
        }

        var header = first is null ? null : CsvHeader.Read(first, out problem);
        if ((problem ?? (header is null ? new CsvProblem(1, null, "The file has no header line.") : format.CheckHeader(header))) is { } refused)
        {
            var column = refused.Column is { } c && first is not null && c <= first.Cells.Count ? first.Cells[c - 1].Trim() : format.KeyColumn;
            yield return (null, [new GtdRowError(refused.Line, column.Length > 0 ? column : $"column {refused.Column}", refused.Message)]);
            yield break;
        }

        var now = clock.GetUtcNow();
        var pass = new ImportPass();
        while (header is not null)
        {
            CsvRecord? record;
            GtdRowError? unreadable = null;
            try
            {
                record = await reader.ReadAsync(cancellationToken);
            }
            catch (CsvReadException ex) when (ex.Recoverable)
            {
                record = null;
                unreadable = new GtdRowError(ex.Problem.Line, ex.Problem.Column is { } c ? header.Name(c) : format.KeyColumn, ex.Problem.Message);
            }

            if (unreadable is not null)
            {
                if (!done(unreadable.Line))
                {
                    yield return (null, [unreadable]);
                }

                continue;
            }

            if (record is null)
            {
                yield break;
            }

            if (done(record.Line))
            {
                if (format.RemembersRows)
                {
                    format.Skip(header.Cells(record), pass);
                }

                continue;
            }

            var errors = new List<GtdRowError>();
            var row = format.Read(record.Line, header.Cells(record), request, now, errors, pass);
            yield return (row, errors);
        }
    }
}
