namespace AttackTracker.Domain.Exchange;

/// <summary>One record: the physical line it starts on (the header is line 1) and its cells, quotes undone.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);
