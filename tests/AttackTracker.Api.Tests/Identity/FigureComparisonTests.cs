using System.Net;
using System.Text.RegularExpressions;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Tests.Identity;

/// <summary>GET /api/incidents/{id}/figures (issue 23): each figure as each source reports it, beside the reconciled one, at any point.</summary>
public sealed class FigureComparisonTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Lists_both_outlets_when_they_disagree_on_the_wounded_with_the_reconciled_range()
    {
        var id = await OpenTrebesWithTwoOutletsAsync();

        var answer = await FiguresAsync(id);

        Assert.True(answer.Disagree);
        var wounded = Figure(answer, CasualtyCategory.Wounded);
        Assert.False(wounded.Agree);
        Assert.Equal((15, 16, (int?)16, FigureStatus.Disputed, 2), (wounded.Low, wounded.Best, wounded.High, wounded.Status, wounded.Sources));
        Assert.Equal(
            [("Meir Amit ITIC", Reliability.B, "Report by Meir Amit ITIC", 15), ("World Socialist Web Site", Reliability.C, "Report by World Socialist Web Site", 16)],
            wounded.Reports.Select(r => (r.Source, r.Grade, r.Report, r.Value.Figure)));
        Assert.Equal([new DateTimeOffset(2018, 3, 26, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2018, 3, 29, 0, 0, 0, TimeSpan.Zero)], wounded.Reports.Select(r => r.PublishedAt.ToUniversalTime()));
        var killed = Figure(answer, CasualtyCategory.Killed);
        Assert.True(killed.Agree);
        Assert.Equal((4, 4, (int?)4, FigureStatus.Agreed), (killed.Low, killed.Best, killed.High, killed.Status));
        Assert.Equal([CountKind.AtLeast, CountKind.Exact, CountKind.Exact], killed.Reports.Select(r => r.Qualifier));
    }

    [Fact]
    public async Task Answers_as_of_a_date_a_recorded_time_and_a_version()
    {
        var id = await OpenTrebesWithTwoOutletsAsync();
        var all = await host.Incident(id);
        var recordedBeforeTheLast = all.LastRecordedAt!.Value.AddTicks(-10).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var beforeWsws = await FiguresAsync(id, "?asOf=2018-03-27");
        var recorded = await FiguresAsync(id, "?recordedAsOf=" + Uri.EscapeDataString(recordedBeforeTheLast));
        var version = await FiguresAsync(id, "?version=5");

        foreach (var earlier in new[] { beforeWsws, recorded, version })
        {
            Assert.False(earlier.Disagree);
            var wounded = Figure(earlier, CasualtyCategory.Wounded);
            Assert.True(wounded.Agree);
            Assert.Equal(["Meir Amit ITIC"], wounded.Reports.Select(r => r.Source));
            Assert.Equal(FigureStatus.SingleSource, wounded.Status);
        }

        Assert.NotNull(beforeWsws.Point?.AsOf);
        Assert.Equal(5, version.Version);
    }

    [Fact]
    public async Task Sets_two_data_sets_side_by_side_with_their_qualifiers_and_releases()
    {
        var incident = await host.OpenIncident(new { title = "Market bombing", occurredOn = "2016-07-03", country = "IQ", place = "Karrada, Baghdad" });
        await host.SubmitReport(incident.Id, DataSet("UCDP GED 23.1", "UCDP GED 23.1, event 123456", "2023-06-01", """{ "type": "casualties", "killed": { "min": 292, "max": 341 } }"""));
        await host.SubmitReport(incident.Id, DataSet("Global Terrorism Database", "GTD 2021 release, event 201607030001", "2021-07-01", """{ "type": "casualties", "killed": { "atLeast": 300 }, "wounded": 200 }"""));

        var answer = await FiguresAsync(incident.Id);

        var killed = Figure(answer, CasualtyCategory.Killed);
        Assert.True(killed.Agree);
        Assert.Equal((300, 300, (int?)341), (killed.Low, killed.Best, killed.High));
        Assert.Equal(
            [("Global Terrorism Database", SourceKind.Research, "GTD 2021 release, event 201607030001", CountKind.AtLeast, 300, (int?)null),
             ("UCDP GED 23.1", SourceKind.Research, "UCDP GED 23.1, event 123456", CountKind.Range, 292, (int?)341)],
            killed.Reports.Select(r => (r.Source, r.SourceKind, r.Report, r.Qualifier, r.Low, r.High)));
        Assert.Equal(FigureStatus.SingleSource, Figure(answer, CasualtyCategory.Wounded).Status);
        Assert.False(answer.Disagree);
    }

    [Fact]
    public async Task Unknown_incident_is_a_404_problem_and_a_bad_point_a_400_naming_it()
    {
        var problem = await host.GetProblem($"/api/incidents/{Guid.NewGuid()}/figures", HttpStatusCode.NotFound);
        Assert.Contains("Incident", problem.Detail ?? problem.Title, StringComparison.Ordinal);

        var id = (await host.OpenIncident()).Id;
        var client = host.CreateClient();
        await ProblemAssert.IsValidationProblemAsync(await client.GetAsync(new Uri($"/api/incidents/{id}/figures?asOf=yesterday", UriKind.Relative)), "asOf");
        await ProblemAssert.IsValidationProblemAsync(await client.GetAsync(new Uri($"/api/incidents/{id}/figures?category=killed", UriKind.Relative)), "category");
        Assert.Empty((await FiguresAsync(id)).Figures);
    }

    [Fact]
    public async Task The_incident_page_shows_the_sources_side_by_side_in_a_table_with_a_caption_and_headers()
    {
        var id = await OpenTrebesWithTwoOutletsAsync();

        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/incidents/{id}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        var html = await result.ReadAsTextAsync();

        var section = html[html.IndexOf("id=\"where-they-disagree\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<caption>Each figure reported by more than one report", section, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Count(section, "<th scope=\"col\">"));
        var wounded = section[section.IndexOf("id=\"compare-wounded\"", StringComparison.Ordinal)..];
        wounded = wounded[..wounded.IndexOf("</tbody>", StringComparison.Ordinal)];
        Assert.Matches("<th scope=\"row\">Meir Amit ITIC</th>(.|\\n)*<strong>15</strong>", wounded);
        Assert.Matches("<th scope=\"row\">World Socialist Web Site</th>(.|\\n)*<strong>16</strong>", wounded);
        Assert.Contains("the reports disagree", wounded, StringComparison.Ordinal);
        Assert.Contains("<strong>15–16–16</strong>", wounded, StringComparison.Ordinal);
    }

    private static FigureComparison Figure(FigureComparisonView view, CasualtyCategory category) => Assert.Single(view.Figures, f => f.Category == category);

    private async Task<FigureComparisonView> FiguresAsync(Guid id, string query = "")
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/incidents/{id}/figures{query}");
            s.StatusCodeShouldBe(HttpStatusCode.OK);
        });
        return await result.Read<FigureComparisonView>();
    }

    /// <summary>The seed incident with the reports of docs/reconciliation.md's worked example up to WSWS: versions 3, 5 and 7.</summary>
    private async Task<Guid> OpenTrebesWithTwoOutletsAsync()
    {
        var id = (await host.OpenIncident()).Id;
        await host.SubmitReport(id, ReportBodies.Report("""[{ "type": "casualties", "killed": { "atLeast": 3 } }]""", "Long War Journal", "2018-03-23", "B"));
        await host.SubmitReport(id, ReportBodies.Report("""[{ "type": "casualties", "killed": 4, "wounded": 15 }]""", "Meir Amit ITIC", "2018-03-26", "B"));
        await host.SubmitReport(id, ReportBodies.Report("""[{ "type": "casualties", "killed": 4, "wounded": 16, "quote": "Four people died in the incidents and 16 were wounded" }]""", "World Socialist Web Site", "2018-03-29", "C"));
        return id;
    }

    private static System.Text.Json.Nodes.JsonObject DataSet(string source, string release, string publishedAt, string fact)
    {
        var report = ReportBodies.Report($"[{fact}]", source, publishedAt, "B");
        report["source"]!["kind"] = "research";
        report["title"] = release;
        return report;
    }
}
