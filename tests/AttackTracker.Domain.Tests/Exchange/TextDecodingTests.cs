using System.Text;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>A declared charset honoured, strictly (issue 20): a bad byte is an error naming its line and what to declare.</summary>
public sealed class TextDecodingTests
{
    private static byte[] Windows1252(string text) => TextDecoding.StrictEncoding(TextCharset.Windows1252).GetBytes(text);

    private static string Decode(byte[] bytes, TextCharset charset)
    {
        using var reader = TextDecoding.Open(new MemoryStream(bytes), charset);
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData(null, TextCharset.Utf8)]
    [InlineData("", TextCharset.Utf8)]
    [InlineData("UTF-8", TextCharset.Utf8)]
    [InlineData("utf8", TextCharset.Utf8)]
    [InlineData("Windows-1252", TextCharset.Windows1252)]
    [InlineData("cp1252", TextCharset.Windows1252)]
    [InlineData("ISO-8859-1", TextCharset.Latin1)]
    [InlineData("latin1", TextCharset.Latin1)]
    [InlineData("\"iso-8859-1\"", TextCharset.Latin1)]
    public void A_declared_charset_is_read_case_insensitively_and_none_is_UTF_8(string? declared, TextCharset charset)
    {
        Assert.True(TextDecoding.TryParse(declared, out var parsed));
        Assert.Equal(charset, parsed);
    }

    [Fact]
    public void A_charset_the_import_does_not_read_is_refused_with_the_ones_it_does()
    {
        Assert.False(TextDecoding.TryParse("utf-16", out _));
        Assert.Equal("'utf-16' is not a charset this import reads; declare one of utf-8, windows-1252, iso-8859-1.", TextDecoding.Unsupported("utf-16"));
    }

    [Fact]
    public void Windows_1252_and_Latin_1_bytes_are_the_names_they_write()
    {
        byte[] bytes = [.. "Tr"u8, 0xE8, .. "bes, C"u8, 0xF4, .. "te d'Ivoire, "u8, 0x93, .. "quoted"u8, 0x94];
        Assert.Equal("Trèbes, Côte d'Ivoire, \u201Cquoted\u201D", Decode(bytes, TextCharset.Windows1252));
        Assert.Equal("Trèbes, Côte d'Ivoire, \u0093quoted\u0094", Decode(bytes, TextCharset.Latin1));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void A_byte_that_is_not_UTF_8_names_its_line_and_what_to_declare(string lineEnd)
    {
        var text = string.Concat(Enumerable.Range(1, 6).Select(i => $"row {i}{lineEnd}"));
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text), .. "Tr"u8, 0xE8, .. "bes"u8, .. Encoding.UTF8.GetBytes(lineEnd)];
        var error = Assert.Throws<TextDecodingException>(() => Decode(bytes, TextCharset.Utf8));
        Assert.Equal(7, error.Line);
        Assert.Equal(
            "Line 7: Not valid UTF-8 (the byte 0xE8). A file in another charset must say which: the GTD as START publishes it is Windows-1252, "
            + "so send Content-Type: text/csv; charset=windows-1252, or --encoding windows-1252 on the command line.",
            error.Message);
    }

    [Fact]
    public void The_line_of_a_bad_byte_is_exact_far_into_a_file_and_across_a_CRLF_split_between_reads()
    {
        // 40,000 lines of 9 bytes: reads of 32 KiB split some CRLFs between them.
        var good = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1234567\r\n", 40_000)));
        byte[] bytes = [.. good, .. "ok\r\nbad "u8, 0xFF, .. "\r\n"u8];
        Assert.Equal(40_002, Assert.Throws<TextDecodingException>(() => Decode(bytes, TextCharset.Utf8)).Line);
    }

    [Fact]
    public void A_byte_Windows_1252_leaves_undefined_is_an_error_not_a_control_character()
    {
        byte[] bytes = [.. "a\nb\n"u8, 0x81, .. "\n"u8];
        var error = Assert.Throws<TextDecodingException>(() => Decode(bytes, TextCharset.Windows1252));
        Assert.Equal(3, error.Line);
        Assert.Contains("The byte 0x81 is one that Windows-1252 leaves undefined", error.Message, StringComparison.Ordinal);
        Assert.Contains("charset=utf-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF_8_byte_order_mark_is_honoured_whatever_was_declared_and_a_UTF_16_one_is_refused()
    {
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Trèbes")];
        Assert.Equal("Trèbes", Decode(utf8, TextCharset.Windows1252));
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Trèbes")];
        Assert.Equal(1, Assert.Throws<TextDecodingException>(() => Decode(utf16, TextCharset.Utf8)).Line);
    }

    [Fact]
    public async Task A_sequence_cut_at_the_end_of_the_file_is_an_error_on_the_last_line()
    {
        byte[] bytes = [.. "a\nb\n"u8, 0xC3];
        using var reader = TextDecoding.Open(new MemoryStream(bytes), TextCharset.Utf8);
        var csv = new CsvRecordReader(reader);
        Assert.NotNull(await csv.ReadAsync());
        var error = await Assert.ThrowsAsync<CsvReadException>(async () =>
        {
            while (await csv.ReadAsync() is not null)
            {
            }
        });
        Assert.Equal((3, false), (error.Problem.Line, error.Recoverable));
    }

    [Fact]
    public async Task The_scan_counts_records_not_lines_and_stops_at_the_first_bad_byte_with_its_line()
    {
        byte[] good = [.. "eventid,summary\r\n1,\"two\r\nlines\"\r\n2,\"Tr"u8, 0xE8, .. "bes\"\r\n"u8];
        var scan = await CsvScan.ScanAsync(new MemoryStream(good), TextCharset.Windows1252, null, CancellationToken.None);
        Assert.Equal((3L, 2L, null), (scan.Records, scan.Rows, scan.Fatal));

        var refused = await CsvScan.ScanAsync(new MemoryStream(good), TextCharset.Utf8, null, CancellationToken.None);
        Assert.Equal((2L, 4), (refused.Records, refused.Fatal!.Line));
        Assert.Contains("charset=windows-1252", refused.Fatal.Message, StringComparison.Ordinal);

        var wide = await CsvScan.ScanAsync(new MemoryStream("a,b\n1,2,3\n4,5\n"u8.ToArray()), TextCharset.Utf8, new CsvLimits(MaxCells: 2), CancellationToken.None);
        Assert.Equal((2L, 1L, 2L, 2), (wide.Records, wide.Refused, wide.Rows, wide.Problems.Single().Line));
    }
}
