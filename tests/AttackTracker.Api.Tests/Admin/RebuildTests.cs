using System.Net;
using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Admin;

public sealed class RebuildTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_rebuild_leaves_every_view_byte_identical()
    {
        var carcassonne = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(carcassonne, ReportBodies.Report(ReportBodies.EveryFactType));
        await _client.SubmitReportAsync(carcassonne, ReportBodies.Casualties("""{"min":4,"max":5}""", source: "Second Source", publishedAt: "2018-03-26"));
        var empty = await _client.OpenIncidentAsync(new { title = "Opened without reports", occurredOn = "2018-03-23", country = "FR", place = "Béziers" });
        var before = new[] { await _client.GetStringAsync($"/api/incidents/{carcassonne}"), await _client.GetStringAsync($"/api/incidents/{empty}") };

        var response = await _client.PostAsync("/api/admin/rebuild", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.True((long)result["events"]! >= 17, result.ToJsonString());
        Assert.True((int)result["incidents"]! >= 2, result.ToJsonString());
        var after = new[] { await _client.GetStringAsync($"/api/incidents/{carcassonne}"), await _client.GetStringAsync($"/api/incidents/{empty}") };
        Assert.Equal(before, after);
        Assert.Equal(2, (int)JsonNode.Parse(after[0])!["reportCount"]!);
    }

    [Fact]
    public async Task A_rebuild_keeps_the_sources_and_the_report_index()
    {
        var incidentId = await _client.OpenIncidentAsync();
        var report = await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Indexed.", source: "Rebuilt Source", reliability: "B"));
        await _client.SubmitReportAsync(incidentId, ReportBodies.Note("Regraded.", source: "Rebuilt Source", reliability: "E"));
        var sourcesBefore = await _client.GetStringAsync("/api/sources");

        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();

        Assert.Equal(sourcesBefore, await _client.GetStringAsync("/api/sources"));
        Assert.Contains("\"reliability\":\"E\"", sourcesBefore, StringComparison.Ordinal);
        var fetched = await _client.GetJsonAsync($"/api/reports/{report.ReportId}");
        Assert.Equal("Indexed.", (string?)fetched["facts"]![0]!["fact"]!["text"]);
    }

    [Fact]
    public async Task Reports_posted_while_a_rebuild_runs_wait_for_it_and_land_on_the_rebuilt_state()
    {
        var incidents = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var id = await _client.OpenIncidentAsync();
            for (var r = 0; r < 10; r++)
            {
                await _client.SubmitReportAsync(id, ReportBodies.Report(ReportBodies.EveryFactType));
            }

            incidents.Add(id);
        }

        var rebuild = _client.PostAsync("/api/admin/rebuild", null);
        var writes = incidents.Select(async (id, n) =>
        {
            await Task.Delay(n * 15);
            return await _client.PostReportAsync(id, ReportBodies.Note($"Posted during the rebuild ({n})."));
        }).ToList();

        (await rebuild).EnsureSuccessStatusCode();
        var answers = await Task.WhenAll(writes);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        foreach (var (id, n) in incidents.Select((id, n) => (id, n)))
        {
            var view = await _client.GetJsonAsync($"/api/incidents/{id}");
            Assert.Equal(11, (int)view["reportCount"]!);
            Assert.Contains(view["notes"]!.AsArray(), note => (string?)note!["value"] == $"Posted during the rebuild ({n}).");
        }

        var verify = await (await _client.GetAsync("/api/admin/verify")).ReadJsonAsync();
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task Verify_finds_every_stored_view_consistent_with_its_stream()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));

        var response = await _client.GetAsync("/api/admin/verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.True((bool)result["consistent"]!, result.ToJsonString());
        Assert.Empty(result["differences"]!.AsArray());
        Assert.True((int)result["incidentsChecked"]! >= 1);
        Assert.True((long)result["eventsRead"]! >= 13);
    }
}
