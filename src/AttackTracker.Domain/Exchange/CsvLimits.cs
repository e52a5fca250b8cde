namespace AttackTracker.Domain.Exchange;

/// <summary>
/// What one record may hold. <see cref="CsvRecordReader"/> checks each limit as it reads, so a
/// record past one costs no more memory than the limit itself (docs/export.md).
/// </summary>
public sealed record CsvLimits(int MaxCells = 256, int MaxCellLength = 64 * 1024, int MaxRowLength = 1024 * 1024)
{
    public static CsvLimits Default { get; } = new();
}
