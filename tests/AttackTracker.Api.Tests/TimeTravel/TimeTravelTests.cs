using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Samples;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.TimeTravel;

public sealed class SeedTimeTravelTests(SampleApiHost host) : IClassFixture<SampleApiHost>
{
    private static readonly string Carcassonne = $"/api/incidents/{SampleLoader.IncidentId("carcassonne-trebes-2018")}";

    [Fact]
    public async Task As_of_the_day_of_the_attack_only_the_long_war_journal_counts()
    {
        var view = await host.CreateClient().GetJsonAsync($"{Carcassonne}?asOf=2018-03-23");

        var killed = view.Figure("killed")!;
        Assert.Equal((3, 3, "single-source"), ((int)killed["low"]!, (int)killed["best"]!, (string)killed["status"]!));
        Assert.Null(killed["high"]);
        Assert.Equal("Long War Journal", (string?)killed["reports"]![0]!["source"]);
        Assert.Null(view.Figure("wounded"));
        Assert.Equal("wounded", (string?)Officer(view)["status"]);
        Assert.Equal(1, (int)view["reportCount"]!);
        Assert.Equal("2018-03-23T23:59:59.9999999+00:00", (string?)view["point"]!["asOf"]);
    }

    [Fact]
    public async Task As_of_27_March_four_killed_agree_and_one_report_gives_the_wounded()
    {
        var view = await host.CreateClient().GetJsonAsync($"{Carcassonne}?asOf=2018-03-27");

        Assert.Equal((4, "agreed"), (view.Best("killed"), view.Status("killed")));
        Assert.Single(view.Figure("wounded")!["reports"]!.AsArray());
        Assert.Equal(15, view.Best("wounded"));
        Assert.Equal("killed", (string?)Officer(view)["status"]);
    }

    [Fact]
    public async Task Once_sixteen_wounded_is_published_the_figure_is_disputed_and_best_follows_the_rule()
    {
        var client = host.CreateClient();

        var on29 = await client.GetJsonAsync($"{Carcassonne}?asOf=2018-03-29");
        var now = await client.GetJsonAsync(Carcassonne);

        var wounded = on29.Figure("wounded")!;
        Assert.Equal((15, 16, 16, "disputed"), ((int)wounded["low"]!, (int)wounded["high"]!, (int)wounded["best"]!, (string)wounded["status"]!));
        Assert.Equal((15, "disputed"), (now.Best("wounded"), now.Status("wounded")));
    }

    [Fact]
    public async Task The_figure_series_follows_the_publication_axis()
    {
        var series = await host.CreateClient().GetJsonAsync($"{Carcassonne}/figures/wounded");

        var points = series["points"]!.AsArray().Select(p => ((string)p!["publishedAt"]!, (int)p["best"]!, (string)p["status"]!)).ToList();
        Assert.Equal(
            [("2018-03-26T00:00:00+00:00", 15, "single-source"), ("2018-03-29T00:00:00+00:00", 16, "disputed"), ("2019-03-23T00:00:00+00:00", 15, "disputed")],
            points);
    }

    private static JsonNode Officer(JsonObject view) => view["people"]!.AsArray().Single(p => (string?)p!["key"] == "arnaud-beltrame")!;
}

public sealed class TimeTravelTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task The_stored_view_equals_a_live_fold_of_the_stream()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Source A", "2018-03-23", Killed(new { atLeast = 3 }), new { type = "note", text = "first" }));
        var last = await client.PostReportOkAsync(id, Report("Source B", "2018-03-26", Killed(4), Wounded(new { min = 15, max = 16 })));

        var stored = await client.GetJsonAsync($"/api/incidents/{id}");
        var live = await client.GetJsonAsync($"/api/incidents/{id}?version={last["version"]}");

        Assert.Equal((long)last["version"]!, (long)live["point"]!["version"]!);
        live.Remove("point");
        Assert.True(JsonNode.DeepEquals(stored, live), $"stored: {stored}\nlive: {live}");
    }

    [Fact]
    public async Task A_backdated_report_changes_past_publication_views_but_not_past_record_views()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Later outlet", "2018-03-26", Killed(4)));
        var beforeBackdating = await NowBetweenWritesAsync();
        var viewBefore = await client.GetJsonAsync($"/api/incidents/{id}");
        await client.PostReportOkAsync(id, Report("Same-day outlet", "2018-03-23", Killed(new { atLeast = 3 }), Wounded(10)));

        var publishedBy23 = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-03-23");
        var recordedBefore = await client.GetJsonAsync($"/api/incidents/{id}?recordedAsOf={beforeBackdating}");
        var bothAxes = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-03-23&recordedAsOf={beforeBackdating}");
        var publishedBy26 = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-03-26");

        Assert.Equal((3, "single-source"), (publishedBy23.Best("killed"), publishedBy23.Status("killed")));
        Assert.Equal(10, publishedBy23.Best("wounded"));
        Assert.True(JsonNode.DeepEquals(viewBefore["casualties"], recordedBefore["casualties"]));
        Assert.Equal(1, (int)recordedBefore["reportCount"]!);
        Assert.Null(bothAxes.Figure("killed"));
        Assert.Equal((4, "agreed"), (publishedBy26.Best("killed"), publishedBy26.Status("killed")));
    }

    [Fact]
    public async Task Before_its_first_fact_an_incident_is_an_empty_view_not_an_error()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Outlet", "2018-03-26", Killed(4)));

        var beforePublication = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-01-01");
        var beforeRecording = await client.GetJsonAsync($"/api/incidents/{id}?recordedAsOf=2000-01-01T00:00Z");
        var versionZero = await client.GetJsonAsync($"/api/incidents/{id}?version=0");

        Assert.Equal(0, (int)beforePublication["reportCount"]!);
        Assert.Null(beforePublication.Figure("killed"));
        Assert.Equal("Carcassonne and Trèbes attacks", (string?)beforePublication["title"]);
        Assert.All([beforeRecording, versionZero], v =>
        {
            Assert.Equal(0, (long)v["version"]!);
            Assert.Null(v["title"]);
            Assert.Equal(0, (int)v["reportCount"]!);
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
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();

        var response = await client.GetAsync($"/api/incidents/{id}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![parameter]);
    }

    [Fact]
    public async Task A_version_beyond_the_stream_is_404()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();

        var response = await client.GetAsync($"/api/incidents/{id}?version=2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("stream is at version 1", (string?)(await response.ReadJsonAsync())["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Views_past_a_snapshot_are_the_same_with_and_without_snapshots()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        for (var i = 0; i < 40; i++)
        {
            await client.PostReportOkAsync(id, Report(
                $"Outlet {i % 7}", $"2018-03-{23 + (i % 6):00}", Killed(3 + (i % 3)), Wounded(10 + (i % 4)), new { type = "note", text = $"n{i}" }));
        }

        var withSnapshots = await client.GetJsonAsync($"/api/incidents/{id}?version=150");
        var snapshots = await host.CountAsync($"mt_doc_incidentsnapshot WHERE incident_id = '{id}'");
        await host.ExecuteAsync($"DELETE FROM __schema__.mt_doc_incidentsnapshot WHERE incident_id = '{id}'");
        var withoutSnapshots = await client.GetJsonAsync($"/api/incidents/{id}?version=150");

        Assert.True(snapshots >= 1, "an incident past version 100 has a snapshot");
        Assert.Equal(150, (long)withSnapshots["version"]!);
        Assert.True(JsonNode.DeepEquals(withSnapshots, withoutSnapshots));
    }
}
