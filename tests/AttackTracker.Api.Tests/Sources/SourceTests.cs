using System.Net;
using Alba;
using AttackTracker.Api.Sources;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Tests.Sources;

public sealed class SourceTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Lists_sources_with_their_reliability_and_report_count()
    {
        var incidentId = await host.OpenIncidentId();
        var first = await host.SubmitReport(incidentId, ReportBodies.Note("One.", source: "Reuters Wire", reliability: "A"));
        await host.SubmitReport(incidentId, ReportBodies.Note("Two.", source: "Reuters Wire", reliability: "A"));
        await host.SubmitReport(incidentId, ReportBodies.Note("Three.", source: "Local Blog", reliability: "E"));

        var sources = await SourcesAsync();
        var reuters = Assert.Single(sources, s => s.Name == "Reuters Wire");
        Assert.Equal((Reliability.A, SourceKind.News, 2L), (reuters.Reliability, reuters.Kind, reuters.ReportCount));
        Assert.Equal(await SourceIdOfAsync(first.ReportId), reuters.Id);
        var blog = Assert.Single(sources, s => s.Name == "Local Blog");
        Assert.Equal((Reliability.E, 1L), (blog.Reliability, blog.ReportCount));
    }

    [Theory]
    [InlineData("Long War Journal", "LONG WAR JOURNAL")]
    [InlineData("Der Spiegel", "  der   Spiegel ")]
    [InlineData("Le Monde", "Le Mondé")]
    [InlineData("Midi Libre", "Midi Libré")]
    public async Task Names_differing_only_in_case_spacing_or_accents_are_one_source(string name, string variant)
    {
        var incidentId = await host.OpenIncidentId();

        var first = await host.SubmitReport(incidentId, ReportBodies.Note("Named one way.", source: name));
        var second = await host.SubmitReport(incidentId, ReportBodies.Note("Named another way.", source: variant));

        Assert.Equal(await SourceIdOfAsync(first.ReportId), await SourceIdOfAsync(second.ReportId));
        var matching = (await SourcesAsync()).Where(s => s.Name == name || s.Name == variant.Trim()).ToList();
        var source = Assert.Single(matching);
        Assert.Equal((name, 2L), (source.Name, source.ReportCount));
        var view = await host.Incident(incidentId);
        Assert.Equal(2, Assert.Single(view.Sources).ReportCount);
    }

    [Fact]
    public async Task A_later_report_with_another_grade_regrades_the_source()
    {
        var incidentId = await host.OpenIncidentId();
        var graded = await host.SubmitReport(incidentId, ReportBodies.Note("While trusted.", source: "Fading Gazette", reliability: "B"));
        await host.SubmitReport(incidentId, ReportBodies.Note("After a scandal.", source: "Fading Gazette", reliability: "D", publishedAt: "2018-03-25"));
        await host.SubmitReport(incidentId, ReportBodies.Note("Says nothing of its grade.", source: "Fading Gazette", reliability: null, publishedAt: "2018-03-26"));

        var source = Assert.Single(await SourcesAsync(), s => s.Name == "Fading Gazette");

        Assert.Equal((Reliability.D, 3L), (source.Reliability, source.ReportCount));
        var view = await host.Incident(incidentId);
        Assert.Equal(Reliability.D, Assert.Single(view.Sources).Reliability);
        var firstReport = await host.Report(graded.ReportId);
        Assert.Equal(Reliability.B, firstReport.Source.Reliability);
    }

    [Fact]
    public async Task Two_reports_naming_a_new_source_at_once_register_it_once()
    {
        var firstIncident = await host.OpenIncidentId();
        var secondIncident = await host.OpenIncidentId();

        var responses = await Task.WhenAll(PostAsync(firstIncident), PostAsync(secondIncident));

        Assert.All(responses, r => Assert.Equal((int)HttpStatusCode.Created, r.Context.Response.StatusCode));
        var source = Assert.Single(await SourcesAsync(), s => s.Name == "Simultaneous Press");
        Assert.Equal(2, source.ReportCount);
    }

    private Task<IScenarioResult> PostAsync(Guid incidentId) => host.Scenario(s =>
    {
        s.PostReport(incidentId, ReportBodies.Note("At once.", source: "Simultaneous Press"));
        s.StatusCodeShouldBe(HttpStatusCode.Created);
    });

    private Task<List<SourceSummaryView>> SourcesAsync() => host.Get<List<SourceSummaryView>>("/api/sources");

    private async Task<Guid> SourceIdOfAsync(Guid reportId) => (await host.Report(reportId)).Source.Id;
}
