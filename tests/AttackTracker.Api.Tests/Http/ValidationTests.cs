using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Domain;
using AttackTracker.Domain.Reports;
using Microsoft.AspNetCore.Mvc;

namespace AttackTracker.Api.Tests.Http;

public sealed class ValidationTests(ApiHost host) : IClassFixture<ApiHost>
{
    public static TheoryData<string, string> InvalidReports() => new()
    {
        { "facts[0]", Change(r => r["facts"]![0] = new JsonObject { ["type"] = "bombing", ["text"] = "x" }) },
        { "extra", Change(r => r["extra"] = 1) },
        { "source.extra", Change(r => r["source"]!["extra"] = "x") },
        { "facts[0].extra", Change(r => r["facts"]![0]!["extra"] = true) },
        { "source", Change(r => r.Remove("source")) },
        { "source.name", Change(r => r["source"]!.AsObject().Remove("name")) },
        { "source.name", Change(r => r["source"]!["name"] = "   ") },
        { "title", Change(r => r.Remove("title")) },
        { "publishedAt", Change(r => r.Remove("publishedAt")) },
        { "facts", Change(r => r.Remove("facts")) },
        { "facts", Change(r => r["facts"] = new JsonArray()) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = -1) },
        { "facts[0].wounded", Change(r => r["facts"]![0]!["wounded"] = new JsonObject { ["atLeast"] = -3 }) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = new JsonObject { ["min"] = 5, ["max"] = 3 }) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = "4") },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = 4.5) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = 10_000_000_000L) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = Limits.MaxCount + 1) },
        { "facts[0].hostages", Change(r => r["facts"]![0]!["hostages"] = new JsonObject { ["min"] = 1, ["max"] = Limits.MaxCount + 1 }) },
        { "facts[0].killed", Change(r => r["facts"]![0]!["killed"] = new JsonObject { ["atLeast"] = 1, ["atMost"] = 2 }) },
        { "publishedAt", Change(r => r["publishedAt"] = "23/03/2018") },
        { "publishedAt", Change(r => r["publishedAt"] = "2018-02-30") },
        { "publishedAt", Change(r => r["publishedAt"] = "0001-01-01") },
        { "publishedAt", Change(r => r["publishedAt"] = "9999-12-31") },
        { "publishedAt", Change(r => r["publishedAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) },
        { "facts[0].at", Change(r => r["facts"] = new JsonArray(new JsonObject { ["type"] = "timeline", ["at"] = "9999-01-01", ["description"] = "x" })) },
        { "credibility", Change(r => r["credibility"] = 0) },
        { "credibility", Change(r => r["credibility"] = 7) },
        { "source.reliability", Change(r => r["source"]!["reliability"] = "G") },
        { "facts", Change(r => r["facts"] = new JsonArray([.. Enumerable.Range(0, Limits.FactsPerReport + 1).Select(i => (JsonNode)new JsonObject { ["type"] = "note", ["text"] = $"note {i}" })])) },
        { "title", Change(r => r["title"] = new string('t', Limits.TitleLength + 1)) },
        { "title", Change(r => r["title"] = "Hostages\u0007 taken") },
        { "facts[0]", Change(r => r["facts"]![0] = null) },
        { "facts[0]", Change(r => r["facts"]![0] = new JsonObject { ["type"] = "claim" }) },
        { "body", "{\"source\": {\"name\": \"Agence Test\"}, \"title\": \"Broken\"," },
        { "body", "null" },
        { "body", "[]" },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task Rejects_an_invalid_report_naming_the_field_and_writes_nothing(string field, string body)
    {
        var incidentId = await host.OpenIncidentId();
        var before = await host.CountWritesAsync();

        await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incidentId}/reports", body), field);
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task The_valid_report_the_theory_breaks_is_accepted()
    {
        var incidentId = await host.OpenIncidentId();

        await host.Post($"/api/incidents/{incidentId}/reports", Change(_ => { }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Accepts_a_report_that_reaches_every_limit_without_passing_it()
    {
        var incidentId = await host.OpenIncidentId();
        var report = Change(r =>
        {
            r["title"] = new string('t', Limits.TitleLength);
            r["publishedAt"] = $"{Limits.EarliestYear}-01-01";
            r["credibility"] = 6;
            var facts = r["facts"]!.AsArray();
            facts[0]!["killed"] = new JsonObject { ["min"] = 0, ["max"] = Limits.MaxCount };
            while (facts.Count < Limits.FactsPerReport)
            {
                facts.Add(new JsonObject { ["type"] = "note", ["text"] = $"note {facts.Count}" });
            }
        });

        var response = await host.Post($"/api/incidents/{incidentId}/reports", report, HttpStatusCode.Created);

        Assert.Equal(Limits.FactsPerReport, (await response.Read<ReportCreated>()).FactIds.Count);
    }

    [Fact]
    public async Task A_report_whose_third_fact_is_invalid_writes_nothing()
    {
        var incidentId = await host.OpenIncidentId();
        var before = await host.CountWritesAsync();
        var report = ReportBodies.Report("""
            [
              { "type": "note", "text": "A valid note." },
              { "type": "casualties", "killed": 4 },
              { "type": "casualties", "wounded": -2 },
              { "type": "demand", "text": "A valid demand." }
            ]
            """, source: "Atomic Source");

        await host.ValidationProblem(s => s.PostReport(incidentId, report), "facts[2].wounded");

        Assert.Equal(before, await host.CountWritesAsync());
        var view = await host.Incident(incidentId);
        Assert.Equal((1L, 0), (view.Version, view.ReportCount));
        var sources = await (await host.Answers(HttpStatusCode.OK, s => s.Get.Url("/api/sources"))).ReadAsTextAsync();
        Assert.DoesNotContain("Atomic Source", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_every_invalid_field_at_once()
    {
        var incidentId = await host.OpenIncidentId();
        var report = Change(r =>
        {
            r["title"] = " ";
            r["credibility"] = 9;
            r["facts"] = JsonNode.Parse("""[{ "type": "note", "text": "fine" }, { "type": "casualties", "killed": { "min": 9, "max": 1 } }]""");
        });

        var response = await host.Post($"/api/incidents/{incidentId}/reports", report, HttpStatusCode.BadRequest, s => s.ContentTypeShouldBe("application/problem+json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var problem = await response.Read<ValidationProblemDetails>();
        Assert.Equal(["credibility", "facts[1].killed", "title"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_fact_without_a_type_is_rejected_naming_the_fact()
    {
        var incidentId = await host.OpenIncidentId();
        var before = await host.CountWritesAsync();

        var body = Change(r => r["facts"]![0] = new JsonObject { ["text"] = "a note without its type" });

        await host.ValidationProblem(s => s.PostJson($"/api/incidents/{incidentId}/reports", body), "facts[0]");
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_fact_whose_type_follows_its_fields_is_accepted()
    {
        var incidentId = await host.OpenIncidentId();

        var response = await host.Post(
            $"/api/incidents/{incidentId}/reports", Change(r => r["facts"]![0] = new JsonObject { ["text"] = "JSON members have no order.", ["type"] = "note" }), HttpStatusCode.Created);

        var report = await host.Report((await response.Read<ReportCreated>()).ReportId);
        Assert.Equal("JSON members have no order.", Assert.IsType<NoteFact>(report.Facts[0].Fact).Text);
    }

    private static string Change(Action<JsonObject> change)
    {
        var report = ReportBodies.Report("""[{ "type": "casualties", "killed": 4 }]""");
        change(report);
        return report.ToJsonString();
    }
}
