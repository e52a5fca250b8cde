using System.Text;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>
/// Issue 26 item 2: one request took gigabytes because rows were split before any limit. Each
/// input here is 60 MiB, made as it is read (never held), and the reader must refuse it while
/// allocating a few MiB at most.
/// </summary>
public sealed class CsvHostileInputTests
{
    private const long Size = 60L * 1024 * 1024;
    private const long Budget = 4L * 1024 * 1024;

    public static TheoryData<string, string, string, int, int?> Inputs => new()
    {
        { "60 MiB of commas", string.Empty, ",", 1, 257 },
        { "a 60 MiB row", "eventid,summary\r\n1,", "x", 2, 2 },
        { "a 60 MiB unclosed quote", "eventid,summary\r\n1,\"", "x", 2, 2 },
        { "60 MiB of line breaks inside quotes", "eventid,summary\r\n1,\"", "\n", 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_hostile_input_is_refused_by_line_and_column_in_bounded_memory(string name, string head, string repeated, int line, int? column)
    {
        var reader = new CsvRecordReader(new Generated(head, repeated, Size));
        var before = GC.GetAllocatedBytesForCurrentThread();
        CsvReadException? refused = null;
        var records = 0;
        while (true)
        {
            try
            {
                if (await reader.ReadAsync() is null)
                {
                    break;
                }

                records++;
            }
            catch (CsvReadException ex)
            {
                refused ??= ex;
                if (!ex.Recoverable)
                {
                    break;
                }
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Budget, $"{name}: {allocated:N0} bytes allocated");
        Assert.NotNull(refused);
        Assert.Equal((line, column), (refused.Problem.Line, refused.Problem.Column));
        Assert.Equal(line - 1, records);
    }

    [Fact]
    public async Task The_scan_decodes_and_checks_a_60_MiB_upload_in_bounded_memory()
    {
        const long rows = 7_000_000;
        // Each row "1,"x,è"" + LF, è as Windows-1252 writes it (0xE8).
        var upload = new GeneratedBytes("a,b\r\n"u8.ToArray(), [.. "1,\"x,"u8, 0xE8, .. "\"\n"u8], 5 + (8 * rows));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var scan = await CsvScan.ScanAsync(upload, TextCharset.Windows1252, null, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Budget, $"{allocated:N0} bytes allocated");
        Assert.Null(scan.Fatal);
        Assert.Equal((rows, 0L), (scan.Rows, scan.Refused));
    }

    /// <summary>Text made as it is read: a head, then one piece over and over up to a length.</summary>
    private sealed class Generated(string head, string repeated, long length) : TextReader
    {
        private long _position;

        public override int Read(Span<char> buffer)
        {
            var count = 0;
            while (count < buffer.Length && _position < length)
            {
                buffer[count++] = _position < head.Length ? head[(int)_position] : repeated[(int)((_position - head.Length) % repeated.Length)];
                _position++;
            }

            return count;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>Bytes made as they are read, as <see cref="Generated"/>.</summary>
    private sealed class GeneratedBytes(byte[] head, byte[] repeated, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = 0;
            while (count < buffer.Length && _position < length)
            {
                buffer[count++] = _position < head.Length ? head[(int)_position] : repeated[(int)((_position - head.Length) % repeated.Length)];
                _position++;
            }

            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void The_generated_inputs_are_what_they_claim()
    {
        var text = new Generated("ab", "c", 5).ReadToEnd();
        Assert.Equal("abccc", text);
        using var bytes = new GeneratedBytes("h"u8.ToArray(), "xy"u8.ToArray(), 6);
        using var copy = new MemoryStream();
        bytes.CopyTo(copy);
        Assert.Equal("hxyxyx", Encoding.ASCII.GetString(copy.ToArray()));
    }
}
