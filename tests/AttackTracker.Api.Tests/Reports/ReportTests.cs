using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Reports;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Tests.Reports;

public sealed class ReportTests(ApiHost host) : IClassFixture<ApiHost>
{
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

        var report = await host.Report(created.ReportId);
        var echoed = await host.GetJson($"/api/reports/{created.ReportId}");

        Assert.Equal((created.ReportId, incidentId), (report.ReportId, report.IncidentId));
        Assert.Equal(("Agence Test", SourceKind.News, Reliability.B), (report.Source.Name, report.Source.Kind, report.Source.Reliability));
        Assert.Equal("Report by Agence Test", report.Title);
        Assert.Equal("https://example.org/report", report.Url);
        Assert.Equal(new DateTimeOffset(2018, 3, 24, 0, 0, 0, TimeSpan.Zero), report.PublishedAt);
        Assert.Equal(2, report.Credibility);
        Assert.Equal(2, report.Version);
        Assert.Equal(created.FactIds, report.Facts.Select(f => f.FactId));
        Assert.Equal(Enumerable.Range(3, 11).Select(v => (long)v), report.Facts.Select(f => f.Version));
        Assert.All(report.Facts, f => Assert.Null(f.Retraction));
        // The facts are compared as the JSON sent and echoed: a typed round trip would test the test's serializer.
        var facts = echoed["facts"]!.AsArray();
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

        var reports = await host.Get<List<ReportView>>($"/api/incidents/{incidentId}/reports");

        Assert.Equal([first.ReportId, second.ReportId], reports.Select(r => r.ReportId));
        Assert.Equal(first.FactIds, reports[0].Facts.Select(f => f.FactId));
        Assert.Equal("A second report.", Assert.IsType<NoteFact>(reports[1].Facts[0].Fact).Text);
    }

    [Fact]
    public async Task The_incident_view_shows_each_fact_in_its_section()
    {
        var incidentId = (await host.OpenIncident()).Id;
        var created = await host.SubmitReport(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));

        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{incidentId}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
            s.Header("ETag").SingleValueShouldEqual("\"13\"");
        });

        var view = await result.Read<IncidentView>();
        Assert.Equal(13, view.Version);
        Assert.Equal(1, view.ReportCount);

        var casualties = view.Casualties;
        AssertFigure(casualties.Killed, 4, 4, 4, FigureStatus.SingleSource);
        AssertFigure(casualties.Wounded, 15, 15, null, FigureStatus.SingleSource);
        AssertFigure(casualties.PerpetratorsKilled, 1, 1, 2, FigureStatus.SingleSource);
        AssertFigure(casualties.Hostages, 0, 0, 50, FigureStatus.SingleSource);
        Assert.Null(casualties.PerpetratorsWounded);
        var killedReport = casualties.Killed!.Reports[0];
        Assert.Equal((created.ReportId, created.FactIds[0]), (killedReport.ReportId, killedReport.FactId));
        Assert.Equal(("Agence Test", Reliability.B), (killedReport.Source, killedReport.Reliability));
        Assert.Equal("four people were killed", killedReport.Quote);

        var perpetrator = Assert.Single(view.Perpetrators);
        Assert.Equal(("redouane-lakdim", "Redouane Lakdim"), (perpetrator.Key, perpetrator.Name));
        Assert.False(perpetrator.Conflicting);
        var attributes = perpetrator.Attributes;
        Assert.Equal(25, OnlyValue(attributes["age"]).GetInt32());
        Assert.Equal("male", OnlyValue(attributes["sex"]).GetString());
        Assert.Equal("French Moroccan", OnlyValue(attributes["nationality"]).GetString());
        Assert.Equal("Morocco", OnlyValue(attributes["birthplace"]).GetString());
        Assert.Equal("R. L.", OnlyValue(attributes["aliases"]).GetString());
        Assert.True(OnlyValue(attributes["criminalRecord"]).GetBoolean());
        Assert.Equal("killed", OnlyValue(attributes["status"]).GetString());
        Assert.Equal(created.FactIds[1], attributes["age"].Values[0].Sources[0].FactId);

        var claim = Assert.Single(view.Claims);
        Assert.Equal(("Islamic State", "Amaq News Agency"), (claim.Value.Claimant, claim.Value.Channel));
        Assert.Equal("2018-03-23", claim.Value.ClaimedAt.ToString());
        Assert.Equal(ClaimMode.WebsiteOrSocialMedia, claim.Value.Mode);
        Assert.Equal(created.FactIds[2], claim.Sources[0].FactId);

        Assert.Equal([AttackType.ArmedAssault, AttackType.HostageTakingBarricade], view.AttackTypes.Select(a => a.Value));
        Assert.Equal(new WeaponValue(WeaponType.Firearms, "handgun"), Assert.Single(view.Weapons).Value);
        Assert.Equal(new TargetValue(TargetType.Business, "supermarket in Trèbes"), Assert.Single(view.Targets).Value);
        var location = Assert.Single(view.Locations).Value;
        Assert.Equal(("Trèbes", "FR"), (location.City, location.Country));
        Assert.Equal((43.2105, 2.4422), (location.Lat!.Value, location.Lon!.Value));

        var person = Assert.Single(view.People);
        Assert.Equal(("arnaud-beltrame", "Arnaud Beltrame", PersonStatus.Killed), (person.Key, person.Name, person.Status));
        Assert.Equal("gendarmerie officer", person.Roles[0].Value);
        Assert.Equal("Took the place of a hostage.", person.Descriptions[0].Value);

        Assert.Equal("Release of Salah Abdeslam", Assert.Single(view.Demands).Value);
        Assert.Equal("The attacker acted alone.", Assert.Single(view.Notes).Value);
        var entry = Assert.Single(view.Timeline);
        Assert.Equal("2018-03-23T10:00+01:00", entry.At.ToString());
        Assert.True(entry.Approximate);
        Assert.Equal("The gunman enters the supermarket.", entry.Description);
        Assert.Equal(created.FactIds[7], entry.Sources[0].FactId);

        var source = Assert.Single(view.Sources);
        Assert.Equal(("Agence Test", Reliability.B, SourceKind.News, 1), (source.Name, source.Reliability, source.Kind, source.ReportCount));
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

        var report = await host.GetJson($"/api/reports/{created.ReportId}");
        var view = await host.GetJson($"/api/incidents/{incidentId}");

        var expected = JsonNode.Parse(count);
        var echoed = report["facts"]![0]!["fact"]!["killed"];
        Assert.True(JsonNode.DeepEquals(expected, echoed), $"the report echoed {echoed?.ToJsonString()}");
        var inView = view["casualties"]!["killed"]!["reports"]![0]!["value"];
        Assert.True(JsonNode.DeepEquals(expected, inView), $"the view echoed {inView?.ToJsonString()}");
        AssertFigure((await host.Incident(incidentId)).Casualties.Killed, low, best, high, FigureStatus.SingleSource);
    }

    [Fact]
    public async Task A_report_published_at_a_time_with_an_offset_is_accepted_as_that_instant()
    {
        var incidentId = (await host.OpenIncident()).Id;

        var created = await host.SubmitReport(incidentId, ReportBodies.Note("Published in Paris time.", publishedAt: "2018-03-24T10:00+01:00"));

        var report = await host.Report(created.ReportId);
        Assert.Equal(new DateTimeOffset(2018, 3, 24, 9, 0, 0, TimeSpan.Zero), report.PublishedAt);
    }

    [Fact]
    public async Task Returns_404_for_an_unknown_report()
    {
        await host.GetProblem($"/api/reports/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private static void AssertFigure(CasualtyFigure? figure, int low, int best, int? high, FigureStatus status)
    {
        Assert.NotNull(figure);
        Assert.Equal((low, best, high, status), (figure.Low, figure.Best, figure.High, figure.Status));
    }

    private static JsonElement OnlyValue(AttributeView attribute)
    {
        Assert.False(attribute.Conflicting);
        return Assert.IsType<JsonElement>(Assert.Single(attribute.Values).Value);
    }
}
