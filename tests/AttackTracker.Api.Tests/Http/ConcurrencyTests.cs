using System.Net;
using System.Text.Json;
using Alba;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Tests.Http;

public sealed class ConcurrencyTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Accepts_a_report_when_If_Match_is_the_current_ETag()
    {
        var incidentId = await host.OpenIncidentWithANote("First.");
        var etag = (await host.Scenario(s => s.Get.Url($"/api/incidents/{incidentId}"))).Context.Response.Headers.ETag.ToString();

        var result = await host.Scenario(s =>
        {
            s.PostReport(incidentId, ReportBodies.Note("Second."));
            s.WithRequestHeader("If-Match", etag);
            s.StatusCodeShouldBe(HttpStatusCode.Created);
            s.Header("ETag").SingleValueShouldEqual("\"5\"");
        });

        Assert.Equal("\"3\"", etag);
        Assert.Equal(5, (await result.Read<ReportCreated>()).Version);
    }

    [Fact]
    public async Task Returns_412_when_the_version_is_stale()
    {
        var incidentId = await host.OpenIncidentWithANote("Written since the client read version 1.");
        var before = await host.CountWritesAsync();

        var result = await host.Scenario(s =>
        {
            s.PostReport(incidentId, ReportBodies.Note("Based on version 1."));
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(HttpStatusCode.PreconditionFailed);
            s.ContentTypeShouldBe("application/problem+json");
            s.Header("ETag").SingleValueShouldEqual("\"3\"");
        });

        var problem = await ProblemAssert.IsProblemAsync(result, HttpStatusCode.PreconditionFailed);
        Assert.Equal((1L, 3L), (((JsonElement)problem.Extensions["expectedVersion"]!).GetInt64(), ((JsonElement)problem.Extensions["actualVersion"]!).GetInt64()));
        Assert.Equal(before, await host.CountWritesAsync());
        Assert.Equal(3, (await host.Incident(incidentId)).Version);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"v3\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.5\"")]
    public async Task Returns_400_when_If_Match_is_malformed(string ifMatch)
    {
        var incidentId = await _client.OpenIncidentAsync();
        var before = await host.CountWritesAsync();

        var response = await _client.PostReportAsync(incidentId, ReportBodies.Note("x"), r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));

        await ProblemAssert.IsValidationProblemAsync(response, "If-Match");
        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task If_Match_star_is_met_by_an_existing_incident()
    {
        var incidentId = await _client.OpenIncidentAsync();

        var response = await _client.PostReportAsync(incidentId, ReportBodies.Note("Any version will do."), r => r.Headers.TryAddWithoutValidation("If-Match", "*"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Returns_404_for_a_report_on_an_unknown_incident_and_writes_nothing()
    {
        var before = await host.CountWritesAsync();

        var response = await _client.PostReportAsync(Guid.NewGuid(), ReportBodies.Note("Nowhere to go.", source: "Unheard-of Source"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await host.CountWritesAsync());
        Assert.DoesNotContain("Unheard-of Source", await _client.GetStringAsync("/api/sources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_reports_without_If_Match_are_both_recorded_one_after_the_other()
    {
        var incidentId = await _client.OpenIncidentAsync();

        var responses = await Task.WhenAll(
            _client.PostReportAsync(incidentId, ReportBodies.Note("One.")),
            _client.PostReportAsync(incidentId, ReportBodies.Note("Two.")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var versions = new List<long>();
        foreach (var response in responses)
        {
            versions.Add((long)(await response.ReadJsonAsync())["version"]!);
        }

        Assert.Equal([3L, 5L], versions.Order());
        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");
        Assert.Equal(2, (int)view["reportCount"]!);
        Assert.Equal(5, (long)view["version"]!);
    }

    [Fact]
    public async Task Of_two_concurrent_reports_with_the_same_If_Match_only_one_is_recorded()
    {
        var incidentId = await _client.OpenIncidentAsync();

        var responses = await Task.WhenAll(
            _client.PostReportAsync(incidentId, ReportBodies.Note("One."), r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")),
            _client.PostReportAsync(incidentId, ReportBodies.Note("Two."), r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.PreconditionFailed],
            responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, (int)(await _client.GetJsonAsync($"/api/incidents/{incidentId}"))["reportCount"]!);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("*")]
    public async Task A_report_to_an_incident_that_does_not_exist_is_404_also_with_If_Match(string ifMatch)
    {
        var before = await host.CountWritesAsync();
        var missing = Guid.NewGuid();

        await host.Scenario(s =>
        {
            s.PostReport(missing, ReportBodies.Note("Nowhere to go."));
            s.WithRequestHeader("If-Match", ifMatch);
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            s.ContentTypeShouldBe("application/problem+json");
            s.ContentShouldContain($"Incident {missing} was not found.");
        });

        Assert.Equal(before, await host.CountWritesAsync());
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_problem_with_the_versions_never_a_500()
    {
        var incidentId = await host.OpenIncidentWithANote("Moves the incident to version 3.");

        var result = await host.Scenario(s =>
        {
            s.PostReport(incidentId, ReportBodies.Note("Based on version 1."));
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(HttpStatusCode.PreconditionFailed);
            s.Header("ETag").SingleValueShouldEqual("\"3\"");
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = await result.ReadAsJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal((1L, 3L), ((long)problem!["expectedVersion"]!, (long)problem["actualVersion"]!));
        Assert.DoesNotContain("Marten", problem.ToJsonString(), StringComparison.Ordinal);
    }
}
