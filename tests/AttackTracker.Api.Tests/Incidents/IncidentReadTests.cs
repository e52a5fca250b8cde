using System.Net;
using Alba;
using AttackTracker.Domain.Incidents;

namespace AttackTracker.Api.Tests.Incidents;

public sealed class IncidentReadTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Returns_404_problem_for_an_unknown_incident()
    {
        var id = Guid.NewGuid();

        var problem = await host.GetProblem($"/api/incidents/{id}", HttpStatusCode.NotFound);

        Assert.Contains(id.ToString(), problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_404_problem_for_the_reports_of_an_unknown_incident()
    {
        await host.GetProblem($"/api/incidents/{Guid.NewGuid()}/reports", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Answers_with_the_view_and_its_ETag()
    {
        var incidentId = await host.OpenIncidentWithANote();

        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{incidentId}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
            s.Header("ETag").SingleValueShouldEqual("\"3\"");
        });

        Assert.Equal("application/json", System.Net.Http.Headers.MediaTypeHeaderValue.Parse(result.Context.Response.ContentType!).MediaType);
        Assert.Equal(incidentId, (await result.Read<IncidentView>()).Id);
    }

    [Fact]
    public async Task Returns_304_when_If_None_Match_is_the_current_ETag()
    {
        var incidentId = await host.OpenIncidentWithANote();

        var result = await GetAsync(incidentId, "\"3\"", HttpStatusCode.NotModified);

        Assert.Equal("\"3\"", result.Context.Response.Headers.ETag.ToString());
        Assert.Empty(await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task Returns_the_view_when_If_None_Match_is_an_older_ETag()
    {
        var incidentId = await host.OpenIncidentWithANote();

        var result = await GetAsync(incidentId, "\"1\"", HttpStatusCode.OK);

        Assert.Equal(3, (await result.Read<IncidentView>()).Version);
    }

    [Theory]
    [InlineData("W/\"3\"")]
    [InlineData("\"1\", \"3\"")]
    [InlineData("*")]
    public async Task Returns_304_when_If_None_Match_matches_by_weak_comparison_a_list_or_a_star(string ifNoneMatch)
    {
        var incidentId = await host.OpenIncidentWithANote();

        await GetAsync(incidentId, ifNoneMatch, HttpStatusCode.NotModified);
    }

    private Task<IScenarioResult> GetAsync(Guid incidentId, string ifNoneMatch, HttpStatusCode status) =>
        host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{incidentId}");
            s.WithRequestHeader("If-None-Match", ifNoneMatch);
            s.StatusCodeShouldBe(status);
        });
}
