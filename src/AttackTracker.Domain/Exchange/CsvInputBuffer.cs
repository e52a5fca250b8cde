namespace AttackTracker.Domain.Exchange;

/// <summary>
/// The text a <see cref="CsvRecordReader"/> scans: one buffer, refilled from the input when the
/// reader has used it up. A byte order mark at the start is not text and is passed over; input
/// that does not decode in its charset ends the input as a CSV problem.
/// </summary>
internal sealed class CsvInputBuffer(TextReader input)
{
    private const int BufferSize = 16 * 1024;

    private readonly char[] _buffer = new char[BufferSize];
    private bool _started;
    private bool _ended;

    /// <summary>How many characters the last fill read.</summary>
    public int Length { get; private set; }

    /// <summary>The characters the last fill read.</summary>
    public ReadOnlySpan<char> Text => _buffer.AsSpan(0, Length);

    /// <summary>Reads the next text into the buffer: the position to scan from, or -1 at the end of the input.</summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        while (!_ended)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = await input.ReadAsync(_buffer.AsMemory(), cancellationToken);
            }
            catch (TextDecodingException ex)
            {
                _ended = true;
                throw new CsvReadException(new CsvProblem(ex.Line, null, ex.Reason), recoverable: false, ex);
            }

            if (read == 0)
            {
                _ended = true;
                break;
            }

            Length = read;
            var start = 0;
            if (!_started)
            {
                // A byte order mark is not text: Excel's "CSV UTF-8" starts with one.
                _started = true;
                start = _buffer[0] == '\uFEFF' ? 1 : 0;
            }

            if (start < Length)
            {
                return start;
            }
        }

        return -1;
    }
}
