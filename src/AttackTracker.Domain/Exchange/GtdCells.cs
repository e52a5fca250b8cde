using System.Globalization;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// One row's cells as the GTD's files write them: text trimmed and its formula guard taken off,
/// numbers as integers or as pandas writes them ("3.0"), the codebook's -9 and -99 for unknown.
/// A cell that cannot be read adds an error naming the row's line and the column.
/// </summary>
internal sealed class GtdCells(int line, IReadOnlyDictionary<string, string?> cells, List<GtdRowError> errors)
{
    public const string Unknown = "Unknown";

    public IReadOnlyDictionary<string, string?> All => cells;

    public void Fail(string column, string message) => errors.Add(new GtdRowError(line, column, message));

    public string? Text(string column) =>
        cells.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? GtdCodebook.Unescape(value.Trim()) : null;

    /// <summary>Text other than the codebook's "Unknown".</summary>
    public string? Known(string column) => Text(column) is { } text && !text.Equals(Unknown, StringComparison.OrdinalIgnoreCase) ? text : null;

    public int? Whole(string column, int min, int max)
    {
        if (Text(column) is not { } text)
        {
            return null;
        }

        if (TryWhole(text, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(column, $"must be a whole number from {min} to {max}.");
        return null;
    }

    /// <summary>A count of people: -9 and -99, the codebook's "unknown", are no figure.</summary>
    public int? Count(string column) =>
        Text(column) is { } text && TryWhole(text, out var value) && value is -9 or -99 ? null : Whole(column, 0, Limits.MaxCount);

    /// <summary>A code the codebook gives for unknown (-9) reads as no code.</summary>
    public int? Code(string column, int min, int max) =>
        Text(column) is { } text && TryWhole(text, out var value) && value is -9 or -99 ? null : Whole(column, min, max);

    /// <summary>A decimal number, or null when the cell is empty or holds none (the caller says what that means).</summary>
    public double? Decimal(string column) =>
        Text(column) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>
    /// A point from two columns, or null. The published files hold a few impossible coordinates
    /// (the GTD's 0718 file has a longitude of -86185896): those are left out, the row is kept,
    /// and <paramref name="notes"/> says so.
    /// </summary>
    public (double Lat, double Lon)? Coordinates(string latitude, string longitude, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var (lat, lon) = (Decimal(latitude), Decimal(longitude));
        if (lat is null && lon is null && Text(latitude) is null && Text(longitude) is null)
        {
            return null;
        }

        if (lat is { } y && lon is { } x && y is >= -90 and <= 90 && x is >= -180 and <= 180)
        {
            return (y, x);
        }

        notes.Add($"The row gives latitude {Text(latitude) ?? "(none)"} and longitude {Text(longitude) ?? "(none)"}, which are no coordinates; they were not kept.");
        return null;
    }

    private static bool TryWhole(string text, out int value)
    {
        value = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number != decimal.Truncate(number) || number < int.MinValue || number > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }
}
