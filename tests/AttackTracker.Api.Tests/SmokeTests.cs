using System.Net;
using System.Net.Http.Json;

namespace AttackTracker.Api.Tests;

public sealed class HealthTests(ApiHost factory) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_reports_the_database_as_reachable()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal("ok", (string?)body["database"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_report_endpoint()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/incidents/{id}/reports", document, StringComparison.Ordinal);
        Assert.Contains("ReportRequest", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_incident_answers_201_with_location_etag_and_its_view()
    {
        var client = factory.CreateClient();

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
