using System.Net;

namespace AttackTracker.Api.Tests;

public sealed class IncidentReadTests(ApiHost factory) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Returns_404_problem_for_an_unknown_incident()
    {
        var id = Guid.NewGuid();

        var response = await _client.GetAsync($"/api/incidents/{id}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), (string?)problem["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_404_problem_for_the_reports_of_an_unknown_incident()
    {
        var response = await _client.GetAsync($"/api/incidents/{Guid.NewGuid()}/reports");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answers_with_the_view_and_its_ETag()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Moves it to version 3."));

        var response = await _client.GetAsync($"/api/incidents/{incidentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"3\"", response.Headers.ETag!.Tag);
        Assert.Equal(incidentId, (await response.ReadJsonAsync())["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Returns_304_when_If_None_Match_is_the_current_ETag()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Moves it to version 3."));

        var response = await GetAsync(incidentId, "\"3\"");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"3\"", response.Headers.ETag!.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Returns_the_view_when_If_None_Match_is_an_older_ETag()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Moves it to version 3."));

        var response = await GetAsync(incidentId, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (long)(await response.ReadJsonAsync())["version"]!);
    }

    [Theory]
    [InlineData("W/\"3\"")]
    [InlineData("\"1\", \"3\"")]
    [InlineData("*")]
    public async Task Returns_304_when_If_None_Match_matches_by_weak_comparison_a_list_or_a_star(string ifNoneMatch)
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Moves it to version 3."));

        var response = await GetAsync(incidentId, ifNoneMatch);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(Guid incidentId, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{incidentId}");
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return _client.SendAsync(request);
    }
}
