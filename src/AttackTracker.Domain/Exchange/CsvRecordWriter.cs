using System.Buffers;
using System.Text;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Writes CSV records as RFC 4180 has them, with CRLF after each. A cell is quoted when it holds
/// the delimiter, a quote, a CR or an LF anywhere (a bare LF or CR left unquoted would start a
/// new record in every reader), or begins or ends with white space, which some readers trim; a
/// quote inside is doubled. It writes what it is given: the spreadsheet formula guard is the
/// caller's (<see cref="GtdCodebook.Escape"/>).
/// </summary>
public sealed class CsvRecordWriter(TextWriter output, char delimiter = ',')
{
    private const string NewLine = "\r\n";

    private readonly TextWriter _output = output ?? throw new ArgumentNullException(nameof(output));
    private readonly SearchValues<char> _quoted = SearchValues.Create([delimiter, '"', '\r', '\n']);

    private readonly StringBuilder _record = new();

    public void Write(IEnumerable<string?> cells) => _output.Write(Format(cells));

    /// <summary>Writes the record with the writer's asynchronous methods: an HTTP response allows no other.</summary>
    public Task WriteAsync(IEnumerable<string?> cells, CancellationToken cancellationToken) => _output.WriteAsync(Format(cells), cancellationToken);

    public bool NeedsQuotes(string? cell) =>
        cell is { Length: > 0 } text
        && (text.AsSpan().ContainsAny(_quoted) || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    private StringBuilder Format(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _record.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _record.Append(delimiter);
            }

            first = false;
            Append(cell);
        }

        return _record.Append(NewLine);
    }

    private void Append(string? cell)
    {
        if (!NeedsQuotes(cell))
        {
            _record.Append(cell);
            return;
        }

        _record.Append('"');
        var rest = cell.AsSpan();
        while (rest.IndexOf('"') is var quote and >= 0)
        {
            _record.Append(rest[..(quote + 1)]).Append('"');
            rest = rest[(quote + 1)..];
        }

        _record.Append(rest).Append('"');
    }
}
