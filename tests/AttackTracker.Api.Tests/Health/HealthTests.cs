using System.Net;
using AttackTracker.Api.Health;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Api.Tests.Health;

public sealed class HealthTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_reports_the_database_as_reachable()
    {
        var body = await host.Get<HealthView>("/health");

        Assert.Equal(("healthy", "ok"), (body.Status, body.Database));
    }

    [Fact]
    public async Task Health_says_how_far_each_async_projection_has_caught_up_and_the_lag_closes()
    {
        await host.OpenIncident();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var events = (await host.Get<HealthView>("/health")).Events!;
            var last = events.LastSequence;
            Assert.True(last >= 1, "an incident was opened, so a sequence number was drawn");
            // A shard is listed once it has folded in its first range.
            var feed = events.Projections.SingleOrDefault(p => p.Name == "change_feed:All");
            if (feed is not null)
            {
                Assert.Equal(last - feed.LastSequence, feed.Lag);
            }

            if (feed is not null && feed.Lag == 0)
            {
                Assert.Equal(last, events.HighWaterMark);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the change feed is still behind after 30 s: {events}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_report_endpoint()
    {
        var document = await (await host.Answers(HttpStatusCode.OK, s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync();

        Assert.Contains("/api/incidents/{id}/reports", document, StringComparison.Ordinal);
        Assert.Contains("ReportRequest", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_incident_answers_201_with_location_etag_and_its_view()
    {
        var response = await host.Post("/api/incidents", HttpExtensions.Carcassonne, HttpStatusCode.Created, s => s.Header("ETag").SingleValueShouldEqual("\"1\""));

        var view = await response.Read<IncidentView>();
        Assert.Equal($"/api/incidents/{view.Id}", response.Context.Response.Headers.Location.ToString());
        Assert.Equal("Carcassonne and Trèbes attacks", view.Title);
        Assert.Equal(0, view.ReportCount);
        Assert.Null(view.Casualties.Killed);
    }
}
