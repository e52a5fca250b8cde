using System.Buffers;
using System.Text.Unicode;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Decodes a byte stream in one charset and stops at the first byte that is not text in it,
/// naming the physical line it is on (<see cref="TextDecoding.Open"/>). Lines are counted in
/// the bytes as they are decoded: every charset read here is ASCII-compatible, so CR and LF are
/// the same bytes in all of them.
/// </summary>
internal sealed class StrictTextReader(Stream bytes, TextCharset charset, bool leaveOpen) : TextReader
{
    private const int BufferSize = 32 * 1024;

    private readonly Stream _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
    private readonly byte[] _input = new byte[BufferSize];
    private readonly char[] _text = new char[BufferSize];
    private TextCharset _charset = charset;
    private bool _begun;
    private bool _needBytes = true;
    private int _inputStart;
    private int _inputEnd;
    private bool _inputEnded;
    private int _textStart;
    private int _textEnd;
    private bool _flushed;
    private int _lines;
    private bool _afterCarriageReturn;

    public override int Peek()
    {
        if (_textStart == _textEnd && !Fill())
        {
            return -1;
        }

        return _text[_textStart];
    }

    public override int Read()
    {
        var next = Peek();
        if (next >= 0)
        {
            _textStart++;
        }

        return next;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_textStart == _textEnd && !Fill()))
        {
            return 0;
        }

        return Take(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_textStart == _textEnd)
        {
            if (!_begun || (_needBytes && !_inputEnded))
            {
                await ReadBytesAsync(cancellationToken);
            }

            if (!Decode())
            {
                return 0;
            }
        }

        return Take(buffer.Span);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            _bytes.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Take(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, _textEnd - _textStart);
        _text.AsSpan(_textStart, count).CopyTo(buffer);
        _textStart += count;
        return count;
    }

    private bool Fill()
    {
        while (_textStart == _textEnd)
        {
            if (!_begun || (_needBytes && !_inputEnded))
            {
                ReadBytes();
            }

            if (!Decode())
            {
                return false;
            }
        }

        return true;
    }

    private void ReadBytes()
    {
        Compact();
        do
        {
            var read = _bytes.Read(_input, _inputEnd, _input.Length - _inputEnd);
            _inputEnd += read;
            _inputEnded = read == 0;
        }
        while (!_begun && !_inputEnded && _inputEnd < 3);
    }

    private async ValueTask ReadBytesAsync(CancellationToken cancellationToken)
    {
        Compact();
        do
        {
            var read = await _bytes.ReadAsync(_input.AsMemory(_inputEnd), cancellationToken);
            _inputEnd += read;
            _inputEnded = read == 0;
        }
        while (!_begun && !_inputEnded && _inputEnd < 3);
    }

    private void Compact()
    {
        if (_inputStart > 0)
        {
            _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }
    }

    /// <summary>
    /// Decodes what has been read into the text buffer; false when everything has been. Text up to
    /// a bad byte is delivered first; the bad byte throws when it is next, its line then exact.
    /// </summary>
    private bool Decode()
    {
        if (!_begun)
        {
            Begin();
        }

        if (_flushed)
        {
            return false;
        }

        var input = _input.AsSpan(_inputStart, _inputEnd - _inputStart);
        int used;
        int produced;
        bool invalid;
        if (_charset == TextCharset.Utf8)
        {
            // Utf8.ToUtf16 stops at the first invalid byte and says where, and leaves a sequence cut
            // by the end of the buffer for the next read, which Compact keeps.
            var status = Utf8.ToUtf16(input, _text, out used, out produced, replaceInvalidSequences: false, isFinalBlock: _inputEnded);
            invalid = status == OperationStatus.InvalidData;
            _flushed = _inputEnded && status == OperationStatus.Done;
        }
        else
        {
            var valid = _charset == TextCharset.Windows1252 && input.IndexOfAny(TextDecoding.Undefined1252) is var undefined and >= 0 ? undefined : input.Length;
            var count = Math.Min(valid, _text.Length);
            used = produced = TextDecoding.StrictEncoding(_charset).GetChars(input[..count], _text);
            invalid = count == valid && valid < input.Length;
            _flushed = _inputEnded && used == input.Length;
        }

        if (invalid && produced == 0)
        {
            throw Invalid(input, used, input[used]);
        }

        _lines += Breaks(input[..used], _afterCarriageReturn);
        if (used > 0)
        {
            _afterCarriageReturn = input[used - 1] == '\r';
        }

        _inputStart += used;
        _textStart = 0;
        _textEnd = produced;
        _needBytes = produced == 0;
        return produced > 0 || !_flushed;
    }

    /// <summary>The byte order mark, read before the first character: UTF-8's is honoured and skipped, UTF-16's refused.</summary>
    private void Begin()
    {
        var start = _input.AsSpan(0, _inputEnd);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _charset = TextCharset.Utf8;
            _inputStart = 3;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new TextDecodingException(1, TextDecoding.Utf16);
        }

        _begun = true;
    }

    private TextDecodingException Invalid(ReadOnlySpan<byte> input, int index, byte value)
    {
        var line = 1 + _lines + Breaks(input[..index], _afterCarriageReturn);
        return new TextDecodingException(line, TextDecoding.Invalid(_charset, value));
    }

    /// <summary>The line breaks in the bytes (LF, CRLF or CR alone), one LF not counted when it ends a CRLF begun before them.</summary>
    private static int Breaks(ReadOnlySpan<byte> bytes, bool afterCarriageReturn)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        var breaks = bytes.Count((byte)'\n');
        if (afterCarriageReturn && bytes[0] == '\n')
        {
            breaks--;
        }

        var rest = bytes;
        while (rest.IndexOf((byte)'\r') is var cr and >= 0)
        {
            if (cr + 1 >= rest.Length || rest[cr + 1] != '\n')
            {
                breaks++;
            }

            rest = rest[(cr + 1)..];
        }

        return breaks;
    }
}
