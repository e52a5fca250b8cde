namespace AttackTracker.Domain.Exchange;

/// <summary>Where a file cannot be read: the physical line (the header is line 1), the cell's 1-based position when known, and why.</summary>
public sealed record CsvProblem(int Line, int? Column, string Message)
{
    public override string ToString() => Column is { } column ? $"line {Line}, column {column}: {Message}" : $"line {Line}: {Message}";
}
