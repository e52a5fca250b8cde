using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Desk;
using AttackTracker.Domain.Desk;

namespace AttackTracker.Api.Tests.Documents;

/// <summary>
/// What the desk did with each suggestion, kept on the report (docs/desk.md): GET /api/desk/outcomes
/// counts, per kind, the suggestions accepted as is, edited and rejected, and the facts added by hand.
/// The tests of a class run one at a time, so a count's change is the test's own.
/// </summary>
public sealed class DeskOutcomeTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<(Guid Incident, string Document, string Text)> ArticleAsync()
    {
        var text = DocumentBodies.Seed(1);
        return (await host.OpenIncidentId(), (await host.StoreDocument(text)).Id, text);
    }

    private async Task<(long Reports, Dictionary<SuggestionKind, DeskKindOutcomes> Kinds)> OutcomesAsync()
    {
        var outcomes = await host.Get<DeskOutcomes>("/api/desk/outcomes");
        return (outcomes.Reports, outcomes.Kinds.ToDictionary(k => k.Kind));
    }

    private static JsonObject At(string text, string words, object entry)
    {
        var start = text.IndexOf(words, StringComparison.Ordinal);
        var json = JsonSerializer(entry);
        json["start"] = start;
        json["end"] = start + words.Length;
        return json;
    }

    private static JsonObject JsonSerializer(object value) => JsonNode.Parse(DocumentBodies.Json(value))!.AsObject();

    [Fact]
    public async Task The_outcomes_are_counted_per_kind_for_an_editor()
    {
        var (incident, document, text) = await ArticleAsync();
        var (reportsBefore, before) = await OutcomesAsync();
        var report = new
        {
            source = new { name = "World Socialist Web Site" },
            title = "Perpetrator known to intelligence agencies",
            publishedAt = "2018-03-29",
            facts = new object[]
            {
                new { type = "casualties", killed = 4, quote = "Four people died", passage = DocumentBodies.Passage(document, text, "Four people died") },
                new { type = "casualties", wounded = 15, quote = "16 were wounded", passage = DocumentBodies.Passage(document, text, "16 were wounded") },
                new { type = "weapon", weaponType = "firearms", quote = "opened fire", passage = DocumentBodies.Passage(document, text, "opened fire") },
            },
            desk = new
            {
                document,
                outcomes = new object[]
                {
                    At(text, "Four people died", new { kind = "killed", outcome = "accepted", fact = 0 }),
                    At(text, "16 were wounded", new { kind = "wounded", outcome = "edited", fact = 1 }),
                    At(text, "Moroccan-born", new { kind = "perpetrator-nationality", outcome = "rejected" }),
                    new { kind = "weapon", outcome = "added", fact = 2 },
                },
            },
        };
        var created = await host.SubmitReport(incident, report);

        var (reports, kinds) = await OutcomesAsync();

        (long, long, long, long) Change(SuggestionKind kind)
        {
            var was = before.GetValueOrDefault(kind) ?? new DeskKindOutcomes(kind, 0, 0, 0, 0);
            var now = kinds.GetValueOrDefault(kind) ?? new DeskKindOutcomes(kind, 0, 0, 0, 0);
            return (now.Accepted - was.Accepted, now.Edited - was.Edited, now.Rejected - was.Rejected, now.Added - was.Added);
        }

        Assert.Equal(reportsBefore + 1, reports);
        Assert.Equal((1L, 0L, 0L, 0L), Change(SuggestionKind.Killed));
        Assert.Equal((0L, 1L, 0L, 0L), Change(SuggestionKind.Wounded));
        Assert.Equal((0L, 0L, 1L, 0L), Change(SuggestionKind.PerpetratorNationality));
        Assert.Equal((0L, 0L, 0L, 1L), Change(SuggestionKind.Weapon));
        Assert.Equal((0L, 0L, 0L, 0L), Change(SuggestionKind.Claim));
        Assert.Equal(1, await host.CountAsync($"mt_events WHERE type = 'report_submitted' AND data->'desk'->'outcomes'->0->>'factId' = '{created.FactIds[0]}' AND data->>'reportId' = '{created.ReportId}'"));
    }

    [Fact]
    public async Task Only_an_editor_may_read_the_outcomes()
    {
        var analyst = await host.CreateKeyAsync($"desk-analyst-{Guid.NewGuid():N}", "analyst");

        await host.Scenario(s =>
        {
            s.WithKey(analyst).Get.Url("/api/desk/outcomes");
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
        });
        await host.Scenario(s =>
        {
            s.WithKey(null).Get.Url("/api/desk/outcomes");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        await host.Get<DeskOutcomes>("/api/desk/outcomes");
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { """{"kind":"killed","outcome":"rejected","fact":0,"start":0,"end":4}""", "desk.outcomes[0].fact" },
        { """{"kind":"killed","outcome":"accepted","start":0,"end":4}""", "desk.outcomes[0].fact" },
        { """{"kind":"killed","outcome":"accepted","fact":1,"start":0,"end":4}""", "desk.outcomes[0].fact" },
        { """{"kind":"killed","outcome":"accepted","fact":0}""", "desk.outcomes[0]" },
        { """{"kind":"killed","outcome":"added","fact":0,"start":0,"end":4}""", "desk.outcomes[0]" },
        { """{"outcome":"accepted","fact":0,"start":0,"end":4}""", "desk.outcomes[0].kind" },
        { """{"kind":"killed","fact":0,"start":0,"end":4}""", "desk.outcomes[0].outcome" },
        { """{"kind":"killed","outcome":"kept","fact":0,"start":0,"end":4}""", "desk.outcomes[0].outcome" },
        { """{"kind":"killed","outcome":"accepted","fact":0,"start":0,"end":999999}""", "desk.outcomes[0]" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_outcome_is_a_400_naming_it_and_nothing_is_written(string outcome, string field)
    {
        var (incident, document, _) = await ArticleAsync();
        var body = $$$"""{"source":{"name":"WSWS"},"title":"T","publishedAt":"2018-03-29","facts":[{"type":"note","text":"A note."}],"desk":{"document":"{{{document}}}","outcomes":[{{{outcome}}}]}}""";
        var before = await host.CountWritesAsync();

        await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incident}/reports", body), field);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_desk_document_that_is_not_stored_is_refused()
    {
        var (incident, _, _) = await ArticleAsync();
        var body = $$$"""{"source":{"name":"WSWS"},"title":"T","publishedAt":"2018-03-29","facts":[{"type":"note","text":"A note."}],"desk":{"document":"{{{new string('b', 64)}}}","outcomes":[{"kind":"killed","outcome":"rejected","start":0,"end":4}]}}""";

        await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incident}/reports", body), "desk.document");
    }
}
