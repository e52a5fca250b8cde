namespace AttackTracker.Domain.Exchange;

/// <summary>
/// A record the reader refused. <see cref="Recoverable"/>: the reader has passed the whole record
/// (a limit was broken) and the next read goes on with the next record; otherwise (bytes that are
/// not text in the declared charset, a quote never closed) the input cannot be read further.
/// </summary>
public sealed class CsvReadException(CsvProblem problem, bool recoverable, Exception? inner = null) : Exception(problem?.ToString(), inner)
{
    public CsvProblem Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));

    public bool Recoverable { get; } = recoverable;
}
