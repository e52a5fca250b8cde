using System.Net;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Api.Samples;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Microsoft.AspNetCore.Mvc;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.TimeTravel;

public sealed class SeedTimeTravelTests(SampleApiHost host) : IClassFixture<SampleApiHost>
{
    private static readonly string Carcassonne = $"/api/incidents/{SampleLoader.IncidentId("carcassonne-trebes-2018")}";

    [Fact]
    public async Task As_of_the_day_of_the_attack_only_the_long_war_journal_counts()
    {
        var view = await host.Get<IncidentView>($"{Carcassonne}?asOf=2018-03-23");

        var killed = view.Casualties.Killed!;
        Assert.Equal((3, 3, FigureStatus.SingleSource), (killed.Low, killed.Best, killed.Status));
        Assert.Null(killed.High);
        Assert.Equal("Long War Journal", killed.Reports[0].Source);
        Assert.Null(view.Casualties.Wounded);
        Assert.Equal(PersonStatus.Wounded, Officer(view).Status);
        Assert.Equal(1, view.ReportCount);
        Assert.Equal(new DateTimeOffset(2018, 3, 23, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), view.Point!.AsOf);
    }

    [Fact]
    public async Task As_of_27_March_four_killed_agree_and_one_report_gives_the_wounded()
    {
        var view = await host.Get<IncidentView>($"{Carcassonne}?asOf=2018-03-27");

        FigureIs(view.Casualties.Killed, 4, FigureStatus.Agreed);
        Assert.Single(view.Casualties.Wounded!.Reports);
        Assert.Equal(15, view.Casualties.Wounded.Best);
        Assert.Equal(PersonStatus.Killed, Officer(view).Status);
    }

    [Fact]
    public async Task Once_sixteen_wounded_is_published_the_figure_is_disputed_and_best_follows_the_rule()
    {
        var on29 = await host.Get<IncidentView>($"{Carcassonne}?asOf=2018-03-29");
        var now = await host.Get<IncidentView>(Carcassonne);

        var wounded = on29.Casualties.Wounded!;
        Assert.Equal((15, 16, 16, FigureStatus.Disputed), (wounded.Low, wounded.High!.Value, wounded.Best, wounded.Status));
        FigureIs(now.Casualties.Wounded, 15, FigureStatus.Disputed);
    }

    [Fact]
    public async Task The_figure_series_follows_the_publication_axis()
    {
        var series = await host.Get<FigureSeriesView>($"{Carcassonne}/figures/wounded");

        var points = series.Points.Select(p => (p.PublishedAt, p.Best, p.Status)).ToList();
        Assert.Equal(
            [(Utc(2018, 3, 26), 15, FigureStatus.SingleSource), (Utc(2018, 3, 29), 16, FigureStatus.Disputed), (Utc(2019, 3, 23), 15, FigureStatus.Disputed)],
            points);
        Assert.All(series.Points, p => Assert.Equal(TimeSpan.Zero, p.PublishedAt.Offset));
    }

    private static PersonProfile Officer(IncidentView view) => view.People.Single(p => p.Key == "arnaud-beltrame");

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}

public sealed class TimeTravelTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_stored_view_equals_a_live_fold_of_the_stream()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Source A", "2018-03-23", Killed(new { atLeast = 3 }), new { type = "note", text = "first" }));
        var last = await host.SubmitReport(id, Report("Source B", "2018-03-26", Killed(4), Wounded(new { min = 15, max = 16 })));

        // Compared as JSON: the whole view, every field, as the service wrote it.
        var stored = await host.GetJson($"/api/incidents/{id}");
        var live = await host.GetJson($"/api/incidents/{id}?version={last.Version}");

        Assert.Equal(last.Version, (long)live["point"]!["version"]!);
        live.Remove("point");
        Assert.True(JsonNode.DeepEquals(stored, live), $"stored: {stored}\nlive: {live}");
    }

    [Fact]
    public async Task A_backdated_report_changes_past_publication_views_but_not_past_record_views()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Later outlet", "2018-03-26", Killed(4)));
        var beforeBackdating = await NowBetweenWritesAsync();
        var viewBefore = await host.GetJson($"/api/incidents/{id}");
        await host.SubmitReport(id, Report("Same-day outlet", "2018-03-23", Killed(new { atLeast = 3 }), Wounded(10)));

        var publishedBy23 = await host.Incident(id, "?asOf=2018-03-23");
        var recordedBefore = await host.GetJson($"/api/incidents/{id}?recordedAsOf={beforeBackdating}");
        var bothAxes = await host.Incident(id, $"?asOf=2018-03-23&recordedAsOf={beforeBackdating}");
        var publishedBy26 = await host.Incident(id, "?asOf=2018-03-26");

        FigureIs(publishedBy23.Casualties.Killed, 3, FigureStatus.SingleSource);
        Assert.Equal(10, publishedBy23.Casualties.Wounded?.Best);
        Assert.True(JsonNode.DeepEquals(viewBefore["casualties"], recordedBefore["casualties"]));
        Assert.Equal(1, (int)recordedBefore["reportCount"]!);
        Assert.Null(bothAxes.Casualties.Killed);
        FigureIs(publishedBy26.Casualties.Killed, 4, FigureStatus.Agreed);
    }

    [Fact]
    public async Task Before_its_first_fact_an_incident_is_an_empty_view_not_an_error()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Outlet", "2018-03-26", Killed(4)));

        var beforePublication = await host.Incident(id, "?asOf=2018-01-01");
        var beforeRecording = await host.Incident(id, "?recordedAsOf=2000-01-01T00:00Z");
        var versionZero = await host.Incident(id, "?version=0");

        Assert.Equal(0, beforePublication.ReportCount);
        Assert.Null(beforePublication.Casualties.Killed);
        Assert.Equal("Carcassonne and Trèbes attacks", beforePublication.Title);
        Assert.All([beforeRecording, versionZero], v =>
        {
            Assert.Equal(0, v.Version);
            Assert.Null(v.Title);
            Assert.Equal(0, v.ReportCount);
        });
    }

    [Theory]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("asOf=2018-13-01", "asOf")]
    [InlineData("recordedAsOf=24/03/2018", "recordedAsOf")]
    [InlineData("version=-1", "version")]
    [InlineData("version=two", "version")]
    public async Task Malformed_points_are_400_with_the_parameter_named(string query, string parameter)
    {
        var id = await host.OpenIncidentId();

        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{id}?{query}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
            s.ContentTypeShouldBe("application/problem+json");
        });

        Assert.Contains(parameter, (await result.Read<ValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task A_version_beyond_the_stream_is_404()
    {
        var id = await host.OpenIncidentId();

        var problem = await host.GetProblem($"/api/incidents/{id}?version=2", HttpStatusCode.NotFound);

        Assert.Contains("stream is at version 1", problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Views_past_a_snapshot_are_the_same_with_and_without_snapshots()
    {
        var id = await host.OpenIncidentId();
        for (var i = 0; i < 40; i++)
        {
            await host.SubmitReport(id, Report(
                $"Outlet {i % 7}", $"2018-03-{23 + (i % 6):00}", Killed(3 + (i % 3)), Wounded(10 + (i % 4)), new { type = "note", text = $"n{i}" }));
        }

        // Compared as JSON: the whole view, every field, as the service wrote it.
        var withSnapshots = await host.GetJson($"/api/incidents/{id}?version=150");
        var snapshots = await host.CountAsync($"mt_doc_incidentsnapshot WHERE incident_id = '{id}'");
        await host.ExecuteAsync($"DELETE FROM __schema__.mt_doc_incidentsnapshot WHERE incident_id = '{id}'");
        var withoutSnapshots = await host.GetJson($"/api/incidents/{id}?version=150");

        Assert.True(snapshots >= 1, "an incident past version 100 has a snapshot");
        Assert.Equal(150, (long)withSnapshots["version"]!);
        Assert.True(JsonNode.DeepEquals(withSnapshots, withoutSnapshots));
    }
}
