namespace AttackTracker.Domain.Exchange;

/// <summary>
/// The record <see cref="CsvRecordReader"/> is reading: its cells, the cell being read, and the
/// limits checked as each character arrives. Past a limit it keeps nothing more of the record
/// and remembers the first problem, which the reader throws once the record has ended.
/// </summary>
internal sealed class CsvRecordBuilder
{
    private readonly CsvLimits _limits;
    private readonly List<string> _cells = [];
    private char[] _cell = new char[256];
    private int _cellLength;
    private long _rowLength;
    private bool _keep;

    public CsvRecordBuilder(CsvLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxCells, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxCellLength, 1, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxRowLength, 1, nameof(limits));
        _limits = limits;
    }

    public int Line { get; private set; }

    /// <summary>The 0-based position of the cell being read.</summary>
    public int CellIndex { get; private set; }

    public CsvProblem? Problem { get; private set; }

    public IReadOnlyList<string> Cells => _cells;

    public void Begin(int line, bool keep)
    {
        _cells.Clear();
        _cellLength = 0;
        _rowLength = 0;
        _keep = keep;
        CellIndex = 0;
        Line = line;
        Problem = null;
    }

    /// <summary>The record starts on a later line (blank lines came first).</summary>
    public void MoveTo(int line) => Line = line;

    public void NextCell()
    {
        EndCell();
        if (CellIndex >= _limits.MaxCells && Problem is null)
        {
            Fail($"The row has more than {_limits.MaxCells} cells, the limit.");
        }
    }

    public void EndCell()
    {
        if (_keep && Problem is null)
        {
            _cells.Add(_cellLength == 0 ? string.Empty : new string(_cell, 0, _cellLength));
        }

        _cellLength = 0;
        CellIndex++;
    }

    /// <summary>Characters of the record that are not a cell's text (delimiters, quotes).</summary>
    public void Count(int characters)
    {
        if (Problem is null)
        {
            _rowLength += characters;
            if (_rowLength > _limits.MaxRowLength)
            {
                Fail($"The row is longer than {_limits.MaxRowLength} characters, the limit.");
            }
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        Count(text.Length);
        if (Problem is not null || text.IsEmpty)
        {
            return;
        }

        if (_cellLength + text.Length > _limits.MaxCellLength)
        {
            Fail($"The cell is longer than {_limits.MaxCellLength} characters, the limit.");
            return;
        }

        if (_keep)
        {
            if (_cellLength + text.Length > _cell.Length)
            {
                Array.Resize(ref _cell, Math.Min(_limits.MaxCellLength, Math.Max(_cell.Length * 2, _cellLength + text.Length)));
            }

            text.CopyTo(_cell.AsSpan(_cellLength));
        }

        _cellLength += text.Length;
    }

    private void Fail(string message)
    {
        Problem = new CsvProblem(Line, CellIndex + 1, message);
        _cells.Clear();
    }
}
