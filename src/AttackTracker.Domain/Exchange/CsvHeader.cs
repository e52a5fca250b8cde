namespace AttackTracker.Domain.Exchange;

/// <summary>
/// A file's header line: non-empty names (trimmed), none twice, and the cells of a record by
/// those names. A short row lacks its missing cells; cells past the header's are ignored.
/// </summary>
public sealed class CsvHeader
{
    private readonly string[] _names;

    private CsvHeader(string[] names) => _names = names;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The header of a record, or null with the problem: a column without a name, or a name twice.</summary>
    public static CsvHeader? Read(CsvRecord record, out CsvProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(record);
        var names = record.Cells.Select(c => c.Trim()).ToArray();
        problem = null;
        if (Array.FindIndex(names, n => n.Length == 0) is var empty and >= 0)
        {
            problem = new CsvProblem(record.Line, empty + 1, "This column has no name in the header line.");
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!seen.Add(names[i]))
            {
                problem = new CsvProblem(record.Line, i + 1, $"\"{names[i]}\" appears twice in the header line.");
                return null;
            }
        }

        return new CsvHeader(names);
    }

    /// <summary>The name of the 1-based column, or "column N" past the header (for a problem's column).</summary>
    public string Name(int column) => column >= 1 && column <= _names.Length ? _names[column - 1] : $"column {column}";

    public Dictionary<string, string?> Cells(CsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var count = Math.Min(_names.Length, record.Cells.Count);
        var cells = new Dictionary<string, string?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            cells[_names[i]] = record.Cells[i];
        }

        return cells;
    }
}
