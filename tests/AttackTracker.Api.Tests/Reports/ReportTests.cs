using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Reports;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Tests.Reports;

public sealed class ReportTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_report_with_every_fact_type_answers_201_with_location_etag_and_fact_ids()
    {
        var incident = await host.OpenIncident();

        var result = await host.Scenario(s =>
        {
            s.PostReport(incident.Id, ReportBodies.Report(ReportBodies.EveryFactType));
            s.StatusCodeShouldBe(HttpStatusCode.Created);
            s.Header("ETag").SingleValueShouldEqual("\"13\"");
        });

        var created = await result.Read<ReportCreated>();
        Assert.Equal($"/api/reports/{created.ReportId}", result.Context.Response.Headers.Location.ToString());
        Assert.Equal((incident.Id, 13L), (created.IncidentId, created.Version));
        Assert.Equal(11, created.FactIds.Count);
        Assert.Equal(11, created.FactIds.Distinct().Count());
        Assert.DoesNotContain(created.ReportId, created.FactIds);
    }

    [Fact]
    public async Task The_report_reads_back_with_its_facts_in_order_and_their_fields()
    {
        var incidentId = (await host.OpenIncident()).Id;
        var created = await host.SubmitReport(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));

        var report = await _client.GetJsonAsync($"/api/reports/{created.ReportId}");

        Assert.Equal(created.ReportId, report["reportId"]!.GetValue<Guid>());
        Assert.Equal(incidentId, report["incidentId"]!.GetValue<Guid>());
        Assert.Equal("Agence Test", (string?)report["source"]!["name"]);
        Assert.Equal("news", (string?)report["source"]!["kind"]);
        Assert.Equal("B", (string?)report["source"]!["reliability"]);
        Assert.Equal("Report by Agence Test", (string?)report["title"]);
        Assert.Equal("https://example.org/report", (string?)report["url"]);
        Assert.Equal(new DateTimeOffset(2018, 3, 24, 0, 0, 0, TimeSpan.Zero), report["publishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, (int)report["credibility"]!);
        Assert.Equal(2, (long)report["version"]!);
        var facts = report["facts"]!.AsArray();
        Assert.Equal(created.FactIds, facts.Select(f => f!["factId"]!.GetValue<Guid>()));
        Assert.Equal(Enumerable.Range(3, 11).Select(v => (long)v), facts.Select(f => (long)f!["version"]!));
        Assert.Equal(ReportBodies.FactTypes, facts.Select(f => (string?)f!["fact"]!["type"]));
        var sent = JsonNode.Parse(ReportBodies.EveryFactType)!.AsArray();
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(sent[i], facts[i]!["fact"]), $"fact {i} came back as {facts[i]!["fact"]!.ToJsonString()}");
            Assert.Null(facts[i]!["retraction"]);
        }
    }

    [Fact]
    public async Task The_incident_lists_its_reports_with_their_facts()
    {
        var incidentId = (await host.OpenIncident()).Id;
        var first = await host.SubmitReport(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));
        var second = await host.SubmitReport(incidentId, ReportBodies.Note("A second report.", publishedAt: "2018-03-25"));

        var response = await _client.GetAsync($"/api/incidents/{incidentId}/reports");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reports = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal([first.ReportId, second.ReportId], reports.Select(r => r!["reportId"]!.GetValue<Guid>()));
        Assert.Equal(first.FactIds, reports[0]!["facts"]!.AsArray().Select(f => f!["factId"]!.GetValue<Guid>()));
        Assert.Equal("A second report.", (string?)reports[1]!["facts"]![0]!["fact"]!["text"]);
    }

    [Fact]
    public async Task The_incident_view_shows_each_fact_in_its_section()
    {
        var incidentId = (await host.OpenIncident()).Id;
        var created = await host.SubmitReport(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));

        var response = await _client.GetAsync($"/api/incidents/{incidentId}");

        var view = await response.ReadJsonAsync();
        Assert.Equal("\"13\"", response.Headers.ETag!.Tag);
        Assert.Equal(13, (long)view["version"]!);
        Assert.Equal(1, (int)view["reportCount"]!);

        var casualties = view["casualties"]!;
        AssertFigure(casualties["killed"], 4, 4, 4, "single-source");
        AssertFigure(casualties["wounded"], 15, 15, null, "single-source");
        AssertFigure(casualties["perpetratorsKilled"], 1, 1, 2, "single-source");
        AssertFigure(casualties["hostages"], 0, 0, 50, "single-source");
        Assert.Null(casualties["perpetratorsWounded"]);
        var killedReport = casualties["killed"]!["reports"]![0]!;
        Assert.Equal(created.ReportId, killedReport["reportId"]!.GetValue<Guid>());
        Assert.Equal(created.FactIds[0], killedReport["factId"]!.GetValue<Guid>());
        Assert.Equal("Agence Test", (string?)killedReport["source"]);
        Assert.Equal("B", (string?)killedReport["reliability"]);
        Assert.Equal("four people were killed", (string?)killedReport["quote"]);

        var perpetrator = Assert.Single(view["perpetrators"]!.AsArray())!;
        Assert.Equal("redouane-lakdim", (string?)perpetrator["key"]);
        Assert.Equal("Redouane Lakdim", (string?)perpetrator["name"]);
        Assert.False((bool)perpetrator["conflicting"]!);
        var attributes = perpetrator["attributes"]!;
        Assert.Equal(25, (int)OnlyValue(attributes["age"])!);
        Assert.Equal("male", (string?)OnlyValue(attributes["sex"]));
        Assert.Equal("French Moroccan", (string?)OnlyValue(attributes["nationality"]));
        Assert.Equal("Morocco", (string?)OnlyValue(attributes["birthplace"]));
        Assert.Equal("R. L.", (string?)OnlyValue(attributes["aliases"]));
        Assert.True((bool)OnlyValue(attributes["criminalRecord"])!);
        Assert.Equal("killed", (string?)OnlyValue(attributes["status"]));
        Assert.Equal(created.FactIds[1], attributes["age"]!["values"]![0]!["sources"]![0]!["factId"]!.GetValue<Guid>());

        var claim = Assert.Single(view["claims"]!.AsArray())!;
        Assert.Equal("Islamic State", (string?)claim["value"]!["claimant"]);
        Assert.Equal("Amaq News Agency", (string?)claim["value"]!["channel"]);
        Assert.Equal("2018-03-23", (string?)claim["value"]!["claimedAt"]);
        Assert.Equal("website-or-social-media", (string?)claim["value"]!["mode"]);
        Assert.Equal(created.FactIds[2], claim["sources"]![0]!["factId"]!.GetValue<Guid>());

        Assert.Equal(["armed-assault", "hostage-taking-barricade"], view["attackTypes"]!.AsArray().Select(a => (string?)a!["value"]));
        var weapon = Assert.Single(view["weapons"]!.AsArray())!;
        Assert.Equal("firearms", (string?)weapon["value"]!["weaponType"]);
        Assert.Equal("handgun", (string?)weapon["value"]!["detail"]);
        var target = Assert.Single(view["targets"]!.AsArray())!;
        Assert.Equal("business", (string?)target["value"]!["targetType"]);
        Assert.Equal("supermarket in Trèbes", (string?)target["value"]!["detail"]);
        var location = Assert.Single(view["locations"]!.AsArray())!["value"]!;
        Assert.Equal("Trèbes", (string?)location["city"]);
        Assert.Equal("FR", (string?)location["country"]);
        Assert.Equal(43.2105, (double)location["lat"]!);
        Assert.Equal(2.4422, (double)location["lon"]!);

        var person = Assert.Single(view["people"]!.AsArray())!;
        Assert.Equal("arnaud-beltrame", (string?)person["key"]);
        Assert.Equal("Arnaud Beltrame", (string?)person["name"]);
        Assert.Equal("killed", (string?)person["status"]);
        Assert.Equal("gendarmerie officer", (string?)person["roles"]![0]!["value"]);
        Assert.Equal("Took the place of a hostage.", (string?)person["descriptions"]![0]!["value"]);

        Assert.Equal("Release of Salah Abdeslam", (string?)Assert.Single(view["demands"]!.AsArray())!["value"]);
        Assert.Equal("The attacker acted alone.", (string?)Assert.Single(view["notes"]!.AsArray())!["value"]);
        var entry = Assert.Single(view["timeline"]!.AsArray())!;
        Assert.Equal("2018-03-23T10:00+01:00", (string?)entry["at"]);
        Assert.True((bool)entry["approximate"]!);
        Assert.Equal("The gunman enters the supermarket.", (string?)entry["description"]);
        Assert.Equal(created.FactIds[7], entry["sources"]![0]!["factId"]!.GetValue<Guid>());

        var source = Assert.Single(view["sources"]!.AsArray())!;
        Assert.Equal("Agence Test", (string?)source["name"]);
        Assert.Equal("B", (string?)source["reliability"]);
        Assert.Equal("news", (string?)source["kind"]);
        Assert.Equal(1, (int)source["reportCount"]!);
    }

    [Fact]
    public async Task The_timeline_is_sorted_by_time_whatever_the_order_of_the_reports()
    {
        var incidentId = (await host.OpenIncident()).Id;
        await host.SubmitReport(incidentId, ReportBodies.Report("""
            [
              { "type": "timeline", "at": "2018-03-23T14:30+01:00", "description": "The siege ends." },
              { "type": "timeline", "at": "2018-03-23T09:00Z", "description": "Shots at the car park." }
            ]
            """));
        await host.SubmitReport(incidentId, ReportBodies.Report("""
            [
              { "type": "timeline", "at": "2018-03-23T11:15+01:00", "description": "The gunman enters the supermarket." },
              { "type": "timeline", "at": "2018-03-22", "description": "The gunman prepares." }
            ]
            """, publishedAt: "2018-03-25"));

        var view = await host.Incident(incidentId);

        Assert.Equal(
            ["The gunman prepares.", "Shots at the car park.", "The gunman enters the supermarket.", "The siege ends."],
            view.Timeline.Select(t => t.Description));
    }

    [Theory]
    [InlineData("4", 4, 4, 4)]
    [InlineData("""{"atLeast":3}""", 3, 3, null)]
    [InlineData("""{"atMost":3}""", 0, 0, 3)]
    [InlineData("""{"min":3,"max":5}""", 3, 3, 5)]
    public async Task A_count_is_echoed_back_in_the_form_it_was_given(string count, int low, int best, int? high)
    {
        var incidentId = (await host.OpenIncident()).Id;
        var created = await host.SubmitReport(incidentId, ReportBodies.Casualties(count));

        var report = await _client.GetJsonAsync($"/api/reports/{created.ReportId}");
        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");

        var expected = JsonNode.Parse(count);
        var echoed = report["facts"]![0]!["fact"]!["killed"];
        Assert.True(JsonNode.DeepEquals(expected, echoed), $"the report echoed {echoed?.ToJsonString()}");
        var inView = view["casualties"]!["killed"]!["reports"]![0]!["value"];
        Assert.True(JsonNode.DeepEquals(expected, inView), $"the view echoed {inView?.ToJsonString()}");
        AssertFigure(view["casualties"]!["killed"], low, best, high, "single-source");
    }

    [Fact]
    public async Task A_report_published_at_a_time_with_an_offset_is_accepted_as_that_instant()
    {
        var incidentId = (await host.OpenIncident()).Id;

        var created = await host.SubmitReport(incidentId, ReportBodies.Note("Published in Paris time.", publishedAt: "2018-03-24T10:00+01:00"));

        var report = await (await host.Scenario(s => s.Get.Url($"/api/reports/{created.ReportId}"))).Read<ReportView>();
        Assert.Equal(new DateTimeOffset(2018, 3, 24, 9, 0, 0, TimeSpan.Zero), report.PublishedAt);
    }

    [Fact]
    public async Task Returns_404_for_an_unknown_report()
    {
        await host.GetProblem($"/api/reports/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private static void AssertFigure(JsonNode? figure, int low, int best, int? high, string status)
    {
        Assert.NotNull(figure);
        Assert.Equal(low, (int)figure["low"]!);
        Assert.Equal(best, (int)figure["best"]!);
        Assert.Equal(high, (int?)figure["high"]);
        Assert.Equal(status, (string?)figure["status"]);
    }

    private static JsonNode? OnlyValue(JsonNode? attribute)
    {
        Assert.NotNull(attribute);
        Assert.False((bool)attribute["conflicting"]!);
        return Assert.Single(attribute["values"]!.AsArray())!["value"];
    }
}
