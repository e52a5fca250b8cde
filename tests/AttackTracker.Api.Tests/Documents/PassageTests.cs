using System.Net;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>
/// A fact's passage (docs/desk.md): offsets into a stored document, checked on write against its
/// text. Every refusal is a 400 naming the fact, and nothing is written.
/// </summary>
public sealed class PassageTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Words = "Four people died in the incidents and 16 were wounded, several seriously.";

    private async Task<(Guid Incident, string Document, string Text)> ArticleAsync()
    {
        var text = DocumentBodies.Seed(1).Replace("Anthony Torres", $"Anthony Torres {Guid.NewGuid():N}", StringComparison.Ordinal);
        return (await host.OpenIncidentId(), (await host.StoreDocument(text)).Id, text);
    }

    [Fact]
    public async Task A_fact_citing_a_passage_is_stored_with_it_and_read_back()
    {
        var (incident, document, text) = await ArticleAsync();

        var reportId = (await host.SubmitReport(incident, HttpExtensions.Report(
            "World Socialist Web Site",
            "2018-03-29",
            new { type = "casualties", killed = 4, quote = "Four people died", passage = DocumentBodies.Passage(document, text, "Four people died") },
            new { type = "casualties", wounded = 16, passage = DocumentBodies.Passage(document, text, "16 were wounded") }))).ReportId;

        var report = await host.Report(reportId);
        var passage = report.Facts[0].Fact.Passage!;
        Assert.Equal(document, passage.Document);
        Assert.Equal("Four people died", text[passage.Start!.Value..passage.End!.Value]);
        Assert.Equal(text.IndexOf("16 were wounded", StringComparison.Ordinal), report.Facts[1].Fact.Passage!.Start);
    }

    [Fact]
    public async Task A_document_id_in_capitals_is_the_same_document()
    {
        var (incident, document, text) = await ArticleAsync();
        var passage = DocumentBodies.Passage(document.ToUpperInvariant(), text, "Four people died");

        var reportId = (await host.SubmitReport(incident, HttpExtensions.Report("WSWS", "2018-03-29", new { type = "casualties", killed = 4, quote = "Four people died", passage }))).ReportId;

        var report = await host.Report(reportId);
        Assert.Equal(document, report.Facts[0].Fact.Passage!.Document);
    }

    public static TheoryData<string, string> WriteTimeRefusals() => new()
    {
        { "not stored", "facts[1].passage" },
        { "past the end", "facts[1].passage" },
        { "another quote", "facts[1].passage" },
        { "a quote with spaces around", "facts[1].passage" },
        { "half a character", "facts[1].passage" },
    };

    [Theory]
    [MemberData(nameof(WriteTimeRefusals))]
    public async Task A_passage_that_is_not_the_documents_text_is_a_400_naming_the_fact_and_nothing_is_written(string why, string field)
    {
        var (incident, document, text) = await ArticleAsync();
        var surrogate = (await host.StoreDocument($"A 𝄞 clef and {Guid.NewGuid():N}.")).Id;
        var start = text.IndexOf("Four people died", StringComparison.Ordinal);
        object second = why switch
        {
            "not stored" => new { type = "casualties", killed = 4, passage = new { document = new string('a', 64), start = 0, end = 4 } },
            "past the end" => new { type = "casualties", killed = 4, passage = new { document, start = text.Length - 2, end = text.Length + 1 } },
            "another quote" => new { type = "casualties", killed = 4, quote = "Five people died", passage = new { document, start, end = start + 16 } },
            "a quote with spaces around" => new { type = "casualties", killed = 4, quote = "Four people died", passage = new { document, start = start - 1, end = start + 17 } },
            _ => new { type = "note", text = "Half a clef.", passage = new { document = surrogate, start = 2, end = 3 } },
        };
        var before = await host.CountWritesAsync();

        var report = HttpExtensions.Report("WSWS", "2018-03-29", new { type = "note", text = "Fine." }, second);

        await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incident}/reports", report), field);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    public static TheoryData<string, string> ShapeRefusals() => new()
    {
        { """{"document":"abc","start":0,"end":4}""", "facts[0].passage.document" },
        { """{"start":0,"end":4}""", "facts[0].passage.document" },
        { """{"document":"DOC","start":-1,"end":4}""", "facts[0].passage.start" },
        { """{"document":"DOC","end":4}""", "facts[0].passage.start" },
        { """{"document":"DOC","start":4,"end":4}""", "facts[0].passage.end" },
        { """{"document":"DOC","start":0,"end":2001}""", "facts[0].passage" },
        { """{"document":"DOC","start":0,"end":4,"length":4}""", "facts[0].passage.length" },
        { """{"document":"DOC","start":"0","end":4}""", "facts[0].passage.start" },
        { "null", "none" },
    };

    [Theory]
    [MemberData(nameof(ShapeRefusals))]
    public async Task A_malformed_passage_is_a_400_naming_its_field(string passage, string field)
    {
        var (incident, document, _) = await ArticleAsync();
        var body = $$"""{"source":{"name":"WSWS"},"title":"T","publishedAt":"2018-03-29","facts":[{"type":"note","text":"A note.","passage":{{passage.Replace("DOC", document, StringComparison.Ordinal)}}}]}""";

        if (field == "none")
        {
            await host.Post($"/api/incidents/{incident}/reports", body, HttpStatusCode.Created);
        }
        else
        {
            await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incident}/reports", body), field);
        }
    }
}
