using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>Issue 26 item 1: no text can start a record of its own or run as a formula in the GTD export.</summary>
public sealed class CsvRecordWriterTests
{
    private static string Write(params string?[][] records)
    {
        var text = new StringWriter();
        var writer = new CsvRecordWriter(text);
        foreach (var record in records)
        {
            writer.Write(record);
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("bare\nLF", "\"bare\nLF\"")]
    [InlineData("bare\rCR", "\"bare\rCR\"")]
    [InlineData("crlf\r\nhere", "\"crlf\r\nhere\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("", "")]
    public void A_cell_with_a_delimiter_quote_or_any_line_break_is_quoted(string cell, string written)
    {
        Assert.Equal($"{written},x\r\n", Write([cell, "x"]));
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back_cell_for_cell()
    {
        string?[] cells = ["id", null, "a,b", "\"", "line\nbreak", "\r", " ", "=1+1", "'x"];
        var records = await CsvRecordReaderTests.ReadAllAsync(Write(cells, cells));
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(cells.Select(c => c ?? string.Empty), r.Cells));
    }

    [Fact]
    public async Task A_summary_with_a_bare_LF_a_bare_CR_and_formulas_after_them_stays_one_guarded_row_and_comes_back_whole()
    {
        const string summary = "Gunmen attacked the market.\n=HYPERLINK(\"http://evil.example\",\"x\")\r+cmd|' /C calc'!A0\r\n@SUM(1)";
        const string title = "-2+3 wounded, a formula";
        var stream = new IncidentStreamBuilder().Open(title: title, summary: summary);
        var row = GtdExport.Row(stream.View(), stream.Fold());

        // As GtdExporter writes it: the header, then every cell through the formula guard.
        var csv = Write([.. GtdCodebook.Columns], [.. row.Select(GtdCodebook.Escape)]);
        var records = await CsvRecordReaderTests.ReadAllAsync(csv);

        Assert.Equal(2, records.Count);
        var cells = GtdCodebook.Columns.Zip(records[1].Cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        // Quoted, the text after a break stays inside its cell; the cell starting with a formula is guarded.
        Assert.Equal((summary, "'" + title), (cells["summary"], cells["title"]));
        Assert.Equal((summary, title), (GtdCodebook.Unescape(cells["summary"]), GtdCodebook.Unescape(cells["title"])));
        Assert.Equal(("-9", "Unknown"), (cells["claimed"], cells["gname"]));
    }
}
