namespace AttackTracker.Domain.Exchange;

/// <summary>
/// One streaming pass over a whole input, keeping none of it: every byte decoded strictly in
/// its charset and every record read within the limits. An import spools its upload, scans it,
/// and writes nothing when <see cref="Fatal"/> is set (docs/export.md).
/// </summary>
/// <param name="Records">Records read whole, the header included.</param>
/// <param name="Refused">Records past a limit; the first <see cref="MaxProblems"/> are in <paramref name="Problems"/>.</param>
/// <param name="Problems">Where records were refused, in order.</param>
/// <param name="Fatal">What stopped the pass before the end (bytes not in the charset, a quote never closed), or null.</param>
public sealed record CsvScan(long Records, long Refused, IReadOnlyList<CsvProblem> Problems, CsvProblem? Fatal)
{
    public const int MaxProblems = 100;

    /// <summary>The data rows: every record but the header, refused ones included.</summary>
    public long Rows => Math.Max(0, Records + Refused - 1);

    public static async Task<CsvScan> ScanAsync(Stream bytes, TextCharset charset, CsvLimits? limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var text = TextDecoding.Open(bytes, charset, leaveOpen: true);
        var reader = new CsvRecordReader(text, limits);
        var problems = new List<CsvProblem>();
        var refused = 0L;
        while (true)
        {
            try
            {
                if (!await reader.SkipAsync(cancellationToken))
                {
                    return new CsvScan(reader.Records, refused, problems, null);
                }
            }
            catch (CsvReadException ex) when (ex.Recoverable)
            {
                refused++;
                if (problems.Count < MaxProblems)
                {
                    problems.Add(ex.Problem);
                }
            }
            catch (CsvReadException ex)
            {
                return new CsvScan(reader.Records, refused, problems, ex.Problem);
            }
        }
    }
}
