namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Reads CSV record by record, as RFC 4180 and the tools that write it (spreadsheets, pandas,
/// R) have it: a record ends at LF, CRLF or CR alone, the last one with or without a line end; a
/// byte order mark is skipped; a quoted cell may hold the delimiter, line breaks and doubled
/// quotes; an empty line is no record. Each record carries the physical line it starts on.
/// </summary>
/// <remarks>
/// Memory is bounded whatever the input: the reader holds one buffer of text, the cell being
/// read (at most <see cref="CsvLimits.MaxCellLength"/>) and the record's cells (at most
/// <see cref="CsvLimits.MaxRowLength"/> characters in all). The limits are checked as each
/// character arrives; a record past one is read to its end without keeping anything and then
/// refused with a recoverable <see cref="CsvReadException"/>, so the next read goes on with the
/// next record. A quote in an unquoted cell, or text after a closing quote, is kept as written.
/// </remarks>
public sealed class CsvRecordReader
{
    private readonly CsvInputBuffer _input;
    private readonly char _delimiter;
    private readonly CsvRecordBuilder _record;
    private int _position;
    private int _length;
    private bool _afterCarriageReturn;
    private int _line = 1;

    private int _quoteLine;
    private bool _begun;
    private State _state;

    public CsvRecordReader(TextReader input, CsvLimits? limits = null, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfEqual(delimiter is '"' or '\r' or '\n', true, nameof(delimiter));
        _input = new CsvInputBuffer(input);
        _delimiter = delimiter;
        _record = new CsvRecordBuilder(limits ?? CsvLimits.Default);
    }

    private enum State
    {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>Records read whole so far, the header included.</summary>
    public long Records { get; private set; }

    /// <summary>The physical line the reader has reached.</summary>
    public int Line => _line;

    /// <summary>The next record, or null at the end of the input.</summary>
    /// <exception cref="CsvReadException">The record breaks a limit (recoverable), or the input ends inside a quoted cell or is not text in its charset.</exception>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken = default) =>
        await NextAsync(keep: true, cancellationToken) ? new CsvRecord(_record.Line, [.. _record.Cells]) : null;

    /// <summary>Passes the next record, checking it as <see cref="ReadAsync"/> does but keeping none of its text; false at the end.</summary>
    public ValueTask<bool> SkipAsync(CancellationToken cancellationToken = default) => NextAsync(keep: false, cancellationToken);

    private async ValueTask<bool> NextAsync(bool keep, CancellationToken cancellationToken)
    {
        _record.Begin(_line, keep);
        _begun = false;
        _state = State.CellStart;
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return AtEnd();
            }

            if (Scan())
            {
                return Complete();
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        var start = await _input.FillAsync(cancellationToken);
        if (start < 0)
        {
            return false;
        }

        _position = start;
        _length = _input.Length;
        return true;
    }

    private bool AtEnd()
    {
        if (_state == State.Quoted)
        {
            var problem = _record.Problem is { } earlier
                ? earlier with { Message = $"{earlier.Message} The quoted cell that opens on line {_quoteLine} is never closed either." }
                : new CsvProblem(_quoteLine, _record.CellIndex + 1, "A quoted cell opens here and the file ends before its closing quote.");
            _state = State.CellStart;
            throw new CsvReadException(problem, recoverable: false);
        }

        if (!_begun)
        {
            return false;
        }

        _record.EndCell();
        return Complete();
    }

    private bool Complete()
    {
        if (_record.Problem is { } problem)
        {
            throw new CsvReadException(problem, recoverable: true);
        }

        Records++;
        return true;
    }

    /// <summary>Reads the buffer on from the current position; true when a record has ended.</summary>
    private bool Scan()
    {
        var text = _input.Text;
        while (_position < _length)
        {
            var c = text[_position];
            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (c == '\n')
                {
                    // The LF of a CRLF: the line break is counted already.
                    _position++;
                    if (_state == State.Quoted)
                    {
                        _record.Append("\n");
                    }

                    continue;
                }
            }

            switch (_state)
            {
                case State.CellStart:
                    if (c is '\r' or '\n')
                    {
                        _position++;
                        LineBreak(c);
                        if (!_begun)
                        {
                            _record.MoveTo(_line);
                            continue;
                        }

                        _record.EndCell();
                        return true;
                    }

                    _begun = true;
                    if (c == '"')
                    {
                        _position++;
                        _record.Count(1);
                        _quoteLine = _line;
                        _state = State.Quoted;
                    }
                    else if (c == _delimiter)
                    {
                        Delimiter();
                    }
                    else
                    {
                        _state = State.Unquoted;
                    }

                    break;
                case State.Unquoted:
                    {
                        var rest = text[_position..];
                        var stop = rest.IndexOfAny(_delimiter, '\r', '\n');
                        _record.Append(stop < 0 ? rest : rest[..stop]);
                        if (stop < 0)
                        {
                            _position = _length;
                            return false;
                        }

                        _position += stop + 1;
                        if (rest[stop] == _delimiter)
                        {
                            _record.Count(1);
                            NextCell();
                            break;
                        }

                        LineBreak(rest[stop]);
                        _record.EndCell();
                        return true;
                    }

                case State.Quoted:
                    {
                        var rest = text[_position..];
                        var stop = rest.IndexOfAny('"', '\r', '\n');
                        _record.Append(stop < 0 ? rest : rest[..stop]);
                        if (stop < 0)
                        {
                            _position = _length;
                            return false;
                        }

                        _position += stop + 1;
                        if (rest[stop] == '"')
                        {
                            _record.Count(1);
                            _state = State.QuoteInQuoted;
                        }
                        else
                        {
                            // A line break inside quotes belongs to the cell, as written.
                            _record.Append(rest.Slice(stop, 1));
                            LineBreak(rest[stop]);
                        }

                        break;
                    }

                default:
                    if (c == '"')
                    {
                        _position++;
                        _record.Append("\"");
                        _state = State.Quoted;
                    }
                    else if (c == _delimiter)
                    {
                        Delimiter();
                    }
                    else if (c is '\r' or '\n')
                    {
                        _position++;
                        LineBreak(c);
                        _record.EndCell();
                        return true;
                    }
                    else
                    {
                        _state = State.Unquoted;
                    }

                    break;
            }
        }

        return false;
    }

    private void LineBreak(char c)
    {
        _line++;
        _afterCarriageReturn = c == '\r';
    }

    private void Delimiter()
    {
        _position++;
        _record.Count(1);
        NextCell();
    }

    private void NextCell()
    {
        _record.NextCell();
        _state = State.CellStart;
    }
}
