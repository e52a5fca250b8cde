using System.Net;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Sources;

public sealed class SourceTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Lists_sources_with_their_reliability_and_report_count()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var first = await _client.SubmitReportAsync(incidentId, ReportBodies.Note("One.", source: "Reuters Wire", reliability: "A"));
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Two.", source: "Reuters Wire", reliability: "A"));
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Three.", source: "Local Blog", reliability: "E"));

        var response = await _client.GetAsync("/api/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sources = await SourcesAsync();
        var reuters = Assert.Single(sources, s => (string?)s["name"] == "Reuters Wire");
        Assert.Equal("A", (string?)reuters["reliability"]);
        Assert.Equal("news", (string?)reuters["kind"]);
        Assert.Equal(2, (long)reuters["reportCount"]!);
        Assert.Equal(await SourceIdOfAsync(first.ReportId), reuters["id"]!.GetValue<Guid>());
        var blog = Assert.Single(sources, s => (string?)s["name"] == "Local Blog");
        Assert.Equal("E", (string?)blog["reliability"]);
        Assert.Equal(1, (long)blog["reportCount"]!);
    }

    [Theory]
    [InlineData("Long War Journal", "LONG WAR JOURNAL")]
    [InlineData("Der Spiegel", "  der   Spiegel ")]
    [InlineData("Le Monde", "Le Mondé")]
    [InlineData("Midi Libre", "Midi Libré")]
    public async Task Names_differing_only_in_case_spacing_or_accents_are_one_source(string name, string variant)
    {
        var incidentId = await _client.OpenIncidentAsync();

        var first = await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Named one way.", source: name));
        var second = await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Named another way.", source: variant));

        Assert.Equal(await SourceIdOfAsync(first.ReportId), await SourceIdOfAsync(second.ReportId));
        var matching = (await SourcesAsync()).Where(s => (string?)s["name"] == name || (string?)s["name"] == variant.Trim()).ToList();
        var source = Assert.Single(matching);
        Assert.Equal(name, (string?)source["name"]);
        Assert.Equal(2, (long)source["reportCount"]!);
        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");
        Assert.Equal(2, (int)Assert.Single(view["sources"]!.AsArray())!["reportCount"]!);
    }

    [Fact]
    public async Task A_later_report_with_another_grade_regrades_the_source()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var graded = await _client.SubmitReportAsync(incidentId, ReportBodies.Note("While trusted.", source: "Fading Gazette", reliability: "B"));
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("After a scandal.", source: "Fading Gazette", reliability: "D", publishedAt: "2018-03-25"));
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Says nothing of its grade.", source: "Fading Gazette", reliability: null, publishedAt: "2018-03-26"));

        var source = Assert.Single(await SourcesAsync(), s => (string?)s["name"] == "Fading Gazette");

        Assert.Equal("D", (string?)source["reliability"]);
        Assert.Equal(3, (long)source["reportCount"]!);
        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");
        Assert.Equal("D", (string?)Assert.Single(view["sources"]!.AsArray())!["reliability"]);
        var firstReport = await _client.GetJsonAsync($"/api/reports/{graded.ReportId}");
        Assert.Equal("B", (string?)firstReport["source"]!["reliability"]);
    }

    [Fact]
    public async Task Two_reports_naming_a_new_source_at_once_register_it_once()
    {
        var firstIncident = await _client.OpenIncidentAsync();
        var secondIncident = await _client.OpenIncidentAsync();

        var responses = await Task.WhenAll(
            _client.PostReportAsync(firstIncident, ReportBodies.Note("At once.", source: "Simultaneous Press")),
            _client.PostReportAsync(secondIncident, ReportBodies.Note("At once.", source: "Simultaneous Press")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var source = Assert.Single(await SourcesAsync(), s => (string?)s["name"] == "Simultaneous Press");
        Assert.Equal(2, (long)source["reportCount"]!);
    }

    private async Task<List<JsonNode>> SourcesAsync() =>
        [.. JsonNode.Parse(await _client.GetStringAsync("/api/sources"))!.AsArray().Select(s => s!)];

    private async Task<Guid> SourceIdOfAsync(Guid reportId) =>
        (await _client.GetJsonAsync($"/api/reports/{reportId}"))["source"]!["id"]!.GetValue<Guid>();
}
