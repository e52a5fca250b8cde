using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Tests.Exchange;
using AttackTracker.Api.Tests.Statistics;
using AttackTracker.Domain.Exchange;
using static AttackTracker.Api.Tests.Exchange.SampleFiles;

namespace AttackTracker.Api.Tests.Identity;

/// <summary>An import meets an incident merged into another (docs/identity.md): as a report posted to it, its new report is refused, by line, naming the survivor.</summary>
public sealed class MergedImportTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Query = "source=ACLED&release=";

    [Fact]
    public async Task A_new_version_of_a_merged_rows_incident_is_a_row_error_naming_the_survivor_and_adds_nothing()
    {
        var client = host.CreateClient();
        var original = AcledSampleTests.Line("NIG31234");
        await ImportAsync(client, "acled", AcledSampleTests.File(original), "text/csv", Query + "2023-03");
        var absorbed = AcledImport.IncidentId("NIG31234");
        var survivor = await client.OpenIncidentAsync(StatsSupport.Opening("NG", "2023-02-18", "The same attack, entered by hand"));
        var merged = await client.PostJsonAsync(
            $"/api/incidents/{survivor}/merges",
            new JsonObject { ["absorbed"] = absorbed.ToString(), ["reason"] = "Same attack." }.ToJsonString(),
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"1\""));
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var events = await EventCountAsync(client, absorbed);

        var changed = await ImportAsync(client, "acled", AcledSampleTests.File(original.Replace(",4,,1676900000", ",6,,1677800000", StringComparison.Ordinal)), "text/csv", Query + "2023-04");
        var rerun = await ImportAsync(client, "acled", AcledSampleTests.File(original), "text/csv", Query + "2023-03");

        Assert.Equal(0L, (long)changed["imported"]!);
        Assert.Equal([(2, "event_id_cnty")], Rejected(changed));
        Assert.Contains($"merged into incident {survivor}", (string)changed["rejected"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal((0L, 0), ((long)rerun["imported"]!, Rejected(rerun).Count));
        Assert.Equal(events, await EventCountAsync(client, absorbed));
    }

    private static async Task<int> EventCountAsync(HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/incidents/{id}/events?limit=100"))["items"]!.AsArray().Count;
}
