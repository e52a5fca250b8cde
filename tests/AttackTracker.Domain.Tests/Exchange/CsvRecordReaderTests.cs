using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>The CSV reader the imports stand on: line ends, quotes, line numbers and limits (docs/export.md).</summary>
public sealed class CsvRecordReaderTests
{
    internal static async Task<List<CsvRecord>> ReadAllAsync(string text, CsvLimits? limits = null)
    {
        var reader = new CsvRecordReader(new StringReader(text), limits);
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    private static string Shape(IEnumerable<CsvRecord> records) =>
        string.Join(" | ", records.Select(r => $"{r.Line}:{string.Join(",", r.Cells.Select(c => $"[{c}]"))}"));

    [Theory]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r1,2\r3,4\r")]
    [InlineData("a,b\n1,2\r\n3,4")]
    [InlineData("\uFEFFa,b\r\n1,2\r\n3,4")]
    [InlineData("a,b\r\n1,2\r\n\r\n3,4\r\n\r\n")]
    public async Task Any_line_end_a_last_line_without_one_and_a_byte_order_mark_read_the_same(string text)
    {
        var records = await ReadAllAsync(text);
        Assert.Equal(["a,b", "1,2", "3,4"], records.Select(r => string.Join(",", r.Cells)));
        Assert.Equal((1, 2), (records[0].Line, records[1].Line));
    }

    [Fact]
    public async Task A_record_carries_the_physical_line_it_starts_on_past_quoted_line_breaks_and_blank_lines()
    {
        const string text = "id,summary\r\n1,\"two\r\nlines\"\n2,\"three\rlines\nhere\"\n\n3,last";
        var records = await ReadAllAsync(text);
        Assert.Equal("1:[id],[summary] | 2:[1],[two\r\nlines] | 4:[2],[three\rlines\nhere] | 8:[3],[last]", Shape(records));
    }

    [Fact]
    public async Task Quoted_cells_hold_delimiters_and_doubled_quotes_and_empty_cells_are_kept()
    {
        var records = await ReadAllAsync("\"a, \"\"quoted\"\" b\",,\"\"\r\n,\r\n\"\"");
        Assert.Equal("1:[a, \"quoted\" b],[],[] | 2:[],[] | 3:[]", Shape(records));
    }

    [Fact]
    public async Task A_stray_quote_in_an_unquoted_cell_or_after_a_closing_quote_is_kept_as_written()
    {
        var records = await ReadAllAsync("5\" pipe,\"x\"y,\"a\"\"\"\n");
        Assert.Equal("1:[5\" pipe],[xy],[a\"]", Shape(records));
    }

    [Fact]
    public async Task A_quote_never_closed_is_an_error_naming_the_line_where_it_opens()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\n1,\"open\n2,3\n4,5\n"));
        Assert.NotNull(await reader.ReadAsync());
        var error = await Assert.ThrowsAsync<CsvReadException>(async () => await reader.ReadAsync());
        Assert.Equal((2, 2, false), (error.Problem.Line, error.Problem.Column, error.Recoverable));
        Assert.Contains("closing quote", error.Message, StringComparison.Ordinal);
        Assert.Null(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("a,b,c,d\n1,2\n", 1, 4, "more than 3 cells")]
    [InlineData("a,b\n1,12345678901\n", 2, 2, "cell is longer than 10")]
    [InlineData("a,b\n1,\"1234567\n8901\"\n", 2, 2, "cell is longer than 10")]
    [InlineData("a,b\n1234567,1234567,12\n", 2, 3, "row is longer than 16")]
    public async Task A_record_past_a_limit_is_refused_by_line_and_column_and_reading_goes_on(string text, int line, int column, string message)
    {
        var reader = new CsvRecordReader(new StringReader(text + "ok,yes\n"), new CsvLimits(MaxCells: 3, MaxCellLength: 10, MaxRowLength: 16));
        var records = new List<CsvRecord>();
        CsvReadException? refused = null;
        while (true)
        {
            try
            {
                if (await reader.ReadAsync() is not { } record)
                {
                    break;
                }

                records.Add(record);
            }
            catch (CsvReadException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal((line, column, true), (refused.Problem.Line, refused.Problem.Column, refused.Recoverable));
        Assert.Contains(message, refused.Problem.Message, StringComparison.Ordinal);
        Assert.Equal("ok,yes", string.Join(",", records[^1].Cells));
        Assert.Equal(records.Count, reader.Records);
    }

    [Fact]
    public async Task Skipping_checks_the_same_limits_and_counts_the_same_records()
    {
        var reader = new CsvRecordReader(new StringReader("h\n\"a\nb\"\nc\n"));
        var skipped = 0;
        while (await reader.SkipAsync())
        {
            skipped++;
        }

        Assert.Equal((3, 3L, 5), (skipped, reader.Records, reader.Line));
    }

    [Fact]
    public async Task Cells_split_across_the_read_buffer_are_read_whole()
    {
        var cell = new string('x', 30_000);
        var text = $"a,b\r\n\"{cell}\r\n{cell}\",{cell}\r\n";
        var records = await ReadAllAsync(text);
        Assert.Equal(($"{cell}\r\n{cell}", cell, 2), (records[1].Cells[0], records[1].Cells[1], records[1].Line));
    }

    [Fact]
    public async Task Another_delimiter_can_be_chosen()
    {
        var reader = new CsvRecordReader(new StringReader("a;b\n\"1;2\";3\n"), delimiter: ';');
        Assert.Equal(["a", "b"], (await reader.ReadAsync())!.Cells);
        Assert.Equal(["1;2", "3"], (await reader.ReadAsync())!.Cells);
    }
}
