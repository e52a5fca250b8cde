using System.Net;
using System.Net.Http.Json;

namespace AttackTracker.Api.Tests.Health;

public sealed class HealthTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_reports_the_database_as_reachable()
    {
        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal("ok", (string?)body["database"]);
    }

    [Fact]
    public async Task Health_says_how_far_each_async_projection_has_caught_up_and_the_lag_closes()
    {
        var client = host.CreateClient();
        await client.OpenIncidentAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = (await (await client.GetAsync("/health")).ReadJsonAsync())["events"]!;
            var last = (long)events["lastSequence"]!;
            Assert.True(last >= 1, "an incident was opened, so a sequence number was drawn");
            // A shard is listed once it has folded in its first range.
            var feed = events["projections"]!.AsArray().SingleOrDefault(p => (string)p!["name"]! == "change_feed:All");
            if (feed is not null)
            {
                Assert.Equal(last - (long)feed["lastSequence"]!, (long)feed["lag"]!);
            }

            if (feed is not null && (long)feed["lag"]! == 0)
            {
                Assert.Equal(last, (long)events["highWaterMark"]!);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the change feed is still behind after 30 s: {events.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_report_endpoint()
    {
        var document = await host.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/incidents/{id}/reports", document, StringComparison.Ordinal);
        Assert.Contains("ReportRequest", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_incident_answers_201_with_location_etag_and_its_view()
    {
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/incidents", HttpExtensions.Carcassonne);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await response.ReadJsonAsync();
        Assert.Equal($"/api/incidents/{view["id"]}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("Carcassonne and Trèbes attacks", (string?)view["title"]);
        Assert.Equal(0, (int)view["reportCount"]!);
        Assert.Null(view["casualties"]!["killed"]);
    }
}
