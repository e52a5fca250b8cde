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
    /// <summary>Called inside the batch's transaction: what to commit with its rows (a job's progress).</summary>
    void Committing(IDocumentSession session, ImportCounts delta, int throughLine, IReadOnlyList<GtdRowError> rejected);

    /// <summary>Called once the batch has committed; the run stops when it returns false (a cancelled job).</summary>
    ValueTask<bool> CommittedAsync(ImportCounts total, IReadOnlyList<ImportedRow> written, IReadOnlyList<GtdRowError> rejected, CancellationToken cancellationToken);
}

/// <summary>The outcome of a run: how far it got, and whether it read the whole file or was stopped (or refused, in mode All).</summary>
public sealed record ImportRunResult(ImportCounts Counts, bool Finished, IReadOnlyList<GtdRowError> Refused);

/// <summary>
/// Reads a data set's file record by record with bounded memory and writes its rows in batches
/// (<see cref="ImportWriter"/>), each batch one transaction. Rows up to <c>resumeAfterLine</c> were
/// committed by an earlier run and are skipped. In mode All every row is checked first and nothing
/// is written if any is refused.
/// </summary>
public sealed class ImportRun(ImportWriter writer, ImportFormats formats, TimeProvider clock)
{
    public async Task<ImportRunResult> RunAsync(
        Func<Stream> open, ImportRequest request, WriteOrigin origin, int resumeAfterLine, IImportObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var format = formats.Find(request.Format);
        if (request.Mode == ImportMode.All && resumeAfterLine == 0)
        {
            var refused = new List<GtdRowError>();
            var read = 0L;
            await foreach (var (row, errors) in ReadAsync(open, format, request, 0, cancellationToken))
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

        var total = ImportCounts.Zero;
        var batch = new List<ImportRow>(ImportWriter.BatchRows);
        var pending = new List<GtdRowError>();
        var readSinceBatch = 0L;
        var lastLine = resumeAfterLine;
        await foreach (var (row, errors) in ReadAsync(open, format, request, resumeAfterLine, cancellationToken))
        {
            readSinceBatch++;
            pending.AddRange(errors);
            if (row is not null)
            {
                batch.Add(row);
                lastLine = row.Line;
            }
            else if (errors.Count > 0)
            {
                lastLine = errors[0].Line;
            }

            if (batch.Count == ImportWriter.BatchRows)
            {
                (total, var go) = await FlushAsync(batch, pending, readSinceBatch, lastLine, total, origin, observer, cancellationToken);
                readSinceBatch = 0;
                if (!go)
                {
                    return new ImportRunResult(total, false, []);
                }
            }
        }

        if (batch.Count > 0 || pending.Count > 0 || readSinceBatch > 0)
        {
            (total, _) = await FlushAsync(batch, pending, readSinceBatch, lastLine, total, origin, observer, cancellationToken);
        }

        return new ImportRunResult(total, true, []);
    }

    private async Task<(ImportCounts Total, bool Go)> FlushAsync(
        List<ImportRow> batch, List<GtdRowError> pending, long read, int throughLine, ImportCounts total, WriteOrigin origin, IImportObserver observer, CancellationToken cancellationToken)
    {
        var written = new List<ImportedRow>();
        var refused = new List<GtdRowError>(pending);
        var readRefused = pending.Select(e => e.Line).Distinct().Count();
        var first = true;
        await writer.WriteAsync([.. batch], origin, written, refused, cancellationToken, (session, rowsWritten, rowsRefused) =>
        {
            // The batch's rows and the rows read before them; in a retry row by row, the read ones go with the first.
            var reads = first ? read : 0;
            var errors = first ? [.. pending, .. rowsRefused] : rowsRefused;
            var delta = ImportCounts.Zero.Add(reads, rowsWritten, (first ? readRefused : 0) + rowsRefused.Select(e => e.Line).Distinct().Count());
            observer.Committing(session, delta, throughLine, errors);
            first = false;
        });
        total = total.Add(read, written, refused.Select(e => e.Line).Distinct().Count());
        batch.Clear();
        pending.Clear();
        return (total, await observer.CommittedAsync(total, written, refused, cancellationToken));
    }

    /// <summary>
    /// The file's rows after <paramref name="afterLine"/>, each checked into a row or its errors. A
    /// file that cannot be read further (no header, a header the format refuses) ends with one
    /// entry holding no row and the errors that stop it.
    /// </summary>
    private async IAsyncEnumerable<(ImportRow? Row, IReadOnlyList<GtdRowError> Errors)> ReadAsync(
        Func<Stream> open, ImportFormat format, ImportRequest request, int afterLine, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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
                if (unreadable.Line > afterLine)
                {
                    yield return (null, [unreadable]);
                }

                continue;
            }

            if (record is null)
            {
                yield break;
            }

            if (record.Line <= afterLine)
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
