using System.Net;
using System.Text.Json.Nodes;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.TimeTravel;

public sealed class AuditTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<(HttpClient Client, Guid Id, JsonObject First, JsonObject Second)> TwoReportsAsync()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "audit-test");
        var id = await client.OpenIncidentAsync();
        var first = await client.PostReportOkAsync(id, Report("Outlet A", "2018-03-26", Wounded(15)));
        var second = await client.PostReportOkAsync(id, Report("Outlet B", "2018-03-29", Wounded(16)));
        return (client, id, first, second);
    }

    [Fact]
    public async Task History_has_one_entry_per_commit_with_provenance_and_exact_changes()
    {
        var (client, id, first, second) = await TwoReportsAsync();

        var history = await client.GetJsonAsync($"/api/incidents/{id}/history");

        var items = history["items"]!.AsArray();
        Assert.Equal(3, (int)history["total"]!);
        Assert.Equal(["opened", "report", "report"], items.Select(i => (string)i!["kind"]!));
        var last = items[2]!;
        Assert.Equal(((long)first["version"]! + 1, (long)second["version"]!), ((long)last["fromVersion"]!, (long)last["toVersion"]!));
        Assert.Equal((Guid)second["reportId"]!, (Guid)last["reportId"]!);
        Assert.Equal("Outlet B", (string?)last["source"]);
        Assert.Equal("2018-03-29T00:00:00+00:00", (string?)last["publishedAt"]);
        Assert.Equal(ApiHost.EditorName, (string?)last["recordedBy"]);
        Assert.Equal("audit-test", (string?)last["correlationId"]);
        var changes = last["changes"]!.AsArray().ToDictionary(c => (string)c!["path"]!, c => (c!["from"]?.ToJsonString(), c["to"]?.ToJsonString()));
        Assert.Equal(("15", "16"), changes["casualties.wounded.best"]);
        Assert.Equal(("15", "16"), changes["casualties.wounded.high"]);
        Assert.Equal(("\"single-source\"", "\"disputed\""), changes["casualties.wounded.status"]);
        Assert.Equal(("1", "2"), changes["reportCount"]);
        Assert.Equal((null, "1"), changes["sources.Outlet B.reportCount"]);
        Assert.False(changes.ContainsKey("casualties.wounded.low"));
    }

    [Fact]
    public async Task History_follows_one_path_and_pages()
    {
        var (client, id, _, _) = await TwoReportsAsync();
        await client.PostAsync($"/api/incidents/{id}/adjudications", new { category = "wounded", value = 16, rationale = "records" });

        var wounded = await client.GetJsonAsync($"/api/incidents/{id}/history?path=casualties.wounded.status");
        var secondPage = await client.GetJsonAsync($"/api/incidents/{id}/history?page=2&pageSize=2");

        Assert.Equal(
            ["single-source", "disputed", "adjudicated"],
            wounded["items"]!.AsArray().Select(i => (string)i!["changes"]![0]!["to"]!));
        Assert.All(wounded["items"]!.AsArray(), i => Assert.Single(i!["changes"]!.AsArray()));
        Assert.Equal(4, (int)secondPage["total"]!);
        Assert.Equal(["report", "adjudication"], secondPage["items"]!.AsArray().Select(i => (string)i!["kind"]!));
    }

    [Fact]
    public async Task A_diff_between_two_points_on_either_axis_lists_exactly_what_changed()
    {
        var (client, id, first, second) = await TwoReportsAsync();

        var byVersion = await client.GetJsonAsync($"/api/incidents/{id}/diff?fromVersion={first["version"]}&toVersion={second["version"]}");
        var byPublication = await client.GetJsonAsync($"/api/incidents/{id}/diff?fromAsOf=2018-03-26&toAsOf=2018-03-29");
        var same = await client.GetJsonAsync($"/api/incidents/{id}/diff?fromAsOf=2018-03-29&toVersion={second["version"]}");

        static JsonNode? Change(JsonObject diff, string path) => diff["changes"]!.AsArray().SingleOrDefault(c => (string?)c!["path"] == path);
        Assert.Equal(16, (int)Change(byVersion, "casualties.wounded.best")!["to"]!);
        Assert.True(JsonNode.DeepEquals(byVersion["changes"], byPublication["changes"]));
        Assert.Empty(same["changes"]!.AsArray());
    }

    [Fact]
    public async Task The_raw_stream_carries_every_event_with_its_metadata()
    {
        var (client, id, _, second) = await TwoReportsAsync();

        var page = await client.GetJsonAsync($"/api/incidents/{id}/events?fromVersion=4&limit=2");

        var items = page["items"]!.AsArray();
        Assert.Equal([4L, 5L], items.Select(i => (long)i!["version"]!));
        var submitted = items[0]!;
        Assert.Equal("report_submitted", (string?)submitted["type"]);
        Assert.Equal((Guid)second["reportId"]!, (Guid)submitted["reportId"]!);
        Assert.Equal("Outlet B", (string?)submitted["source"]);
        Assert.Equal("audit-test", (string?)submitted["correlationId"]);
        Assert.Equal(ApiHost.EditorName, (string?)submitted["recordedBy"]);
        Assert.NotNull(submitted["position"]);
        // The causation id names the request: the same for a report's events, another for the next report.
        var causation = (string?)submitted["causationId"];
        Assert.False(string.IsNullOrEmpty(causation));
        Assert.Equal(causation, (string?)items[1]!["causationId"]);
        var earlier = await client.GetJsonAsync($"/api/incidents/{id}/events?fromVersion=2&limit=1");
        Assert.NotEqual(causation, (string?)earlier["items"]![0]!["causationId"]);
        Assert.Equal(16, (int)items[1]!["data"]!["fact"]!["wounded"]!);
        Assert.Null(page["nextFromVersion"]);
    }

    [Theory]
    [InlineData("history?page=0")]
    [InlineData("history?pageSize=500")]
    [InlineData("diff?fromAsOf=soon")]
    [InlineData("events?limit=0")]
    [InlineData("figures/injured")]
    public async Task Bad_audit_parameters_are_400(string query)
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();

        var response = await client.GetAsync($"/api/incidents/{id}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Audit_of_an_unknown_incident_is_404()
    {
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/incidents/{Guid.NewGuid()}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/incidents/{Guid.NewGuid()}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/incidents/{Guid.NewGuid()}/diff")).StatusCode);
    }
}
