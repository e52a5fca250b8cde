using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Tests.Statistics;

namespace AttackTracker.Api.Tests.Identity;

/// <summary>
/// A merged attack counts once with the figures of both records (docs/identity.md): in the
/// statistics on both axes, in the incident list, and through a rebuild and verify.
/// </summary>
public sealed class MergedFigureTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Country = "MV";
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_merged_attack_counts_once_with_both_records_figures_on_both_axes_and_in_the_list()
    {
        // GTD published its row on the 20th (10 killed), UCDP on the 14th (12 killed).
        var gtd = await _client.OpenIncidentAsync(StatsSupport.Opening(Country, "2012-08-12", "Market bombing"));
        await _client.SubmitReportAsync(gtd, DataSet("Global Terrorism Database", "2012-08-20", 10));
        var ucdp = await _client.OpenIncidentAsync(StatsSupport.Opening(Country, "2012-08-12", "Bombing at the market"));
        await _client.SubmitReportAsync(ucdp, DataSet("UCDP GED", "2012-08-14", 12));
        Assert.Equal((22L, 22L, (long?)22), (await RowAsync(string.Empty)).Sums("killed"));

        var merged = await _client.PostJsonAsync(
            $"/api/incidents/{gtd}/merges",
            new JsonObject { ["absorbed"] = ucdp.ToString(), ["reason"] = "Same bombing." }.ToJsonString(),
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"3\""));
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);

        var combined = await KilledAsync(gtd, string.Empty);
        Assert.Equal((10L, 12L), (combined.Low, combined.High));
        var now = await RowAsync(string.Empty);
        Assert.Equal(1, (int)now["incidents"]!);
        Assert.Equal(combined, now.Sums("killed"));
        var between = await RowAsync("&asOf=2012-08-16");
        Assert.Equal(1, (int)between["incidents"]!);
        Assert.Equal((12L, 12L, (long?)12), between.Sums("killed"));
        Assert.Equal(await KilledAsync(gtd, "?asOf=2012-08-16"), between.Sums("killed"));
        Assert.Equal(combined, (await RowAsync("&asOf=2012-08-25")).Sums("killed"));
        Assert.Equal([(gtd, combined.Best)], await ListedAsync());

        (await _client.PostAsync("/api/admin/rebuild", null)).EnsureSuccessStatusCode();
        var verify = await _client.GetJsonAsync("/api/admin/verify");
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
        Assert.Equal(combined, (await RowAsync(string.Empty)).Sums("killed"));
        Assert.Equal([(gtd, combined.Best)], await ListedAsync());
    }

    [Fact]
    public async Task The_survivors_history_and_diff_show_what_the_merge_brought_in_and_the_unmerge_took_out()
    {
        var gtd = await _client.OpenIncidentAsync(StatsSupport.Opening("MU", "2013-09-21", "Mall attack"));
        await _client.SubmitReportAsync(gtd, DataSet("Global Terrorism Database", "2013-09-30", 10));
        var ucdp = await _client.OpenIncidentAsync(StatsSupport.Opening("MU", "2013-09-21", "Attack on the mall"));
        await _client.SubmitReportAsync(ucdp, DataSet("UCDP GED", "2013-10-02", 12));
        var body = new JsonObject { ["absorbed"] = ucdp.ToString(), ["reason"] = "Same attack." }.ToJsonString();
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync($"/api/incidents/{gtd}/merges", body, r => r.Headers.TryAddWithoutValidation("If-Match", "\"3\""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync($"/api/incidents/{gtd}/unmerges", body, r => r.Headers.TryAddWithoutValidation("If-Match", "\"4\""))).StatusCode);

        var entries = (await _client.GetJsonAsync($"/api/incidents/{gtd}/history"))["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var merge = entries.Single(e => (long)e["toVersion"]! == 4);
        var unmerge = entries.Single(e => (long)e["toVersion"]! == 5);
        var diff = (await _client.GetJsonAsync($"/api/incidents/{gtd}/diff?fromVersion=3&toVersion=4"))["changes"]!.AsArray();

        Assert.Equal(("merge", "merge"), ((string)merge["kind"]!, (string)unmerge["kind"]!));
        Assert.Equal((1, 2), Change(merge, "reportCount"));
        Assert.Equal((2, 1), Change(unmerge, "reportCount"));
        Assert.Contains(merge["changes"]!.AsArray(), c => (string)c!["path"]! == "sources.UCDP GED.reportCount" && c["from"] is null && (int)c["to"]! == 1);
        Assert.Contains(diff, c => (string)c!["path"]! == "reportCount" && (int)c["from"]! == 1 && (int)c["to"]! == 2);
    }

    private static (int From, int To) Change(JsonObject entry, string path)
    {
        var change = entry["changes"]!.AsArray().Single(c => (string)c!["path"]! == path)!;
        return ((int)change["from"]!, (int)change["to"]!);
    }

    private async Task<(long Low, long Best, long? High)> KilledAsync(Guid id, string point)
    {
        var killed = (await _client.GetJsonAsync($"/api/incidents/{id}{point}"))["casualties"]!["killed"]!;
        return ((long)killed["low"]!, (long)killed["best"]!, (long?)killed["high"]);
    }

    private async Task<List<(Guid Id, long KilledBest)>> ListedAsync() =>
        [.. (await _client.GetJsonAsync($"/api/incidents?country={Country}"))["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<Guid>(), (long)i["killedBest"]!))];

    private async Task<JsonObject> RowAsync(string point) =>
        (await _client.CaughtUpAsync($"/api/stats?groupBy=country&country={Country}{point}")).Row("country", Country);

    private static object DataSet(string source, string publishedAt, int killed) => new
    {
        source = new { name = source, reliability = "B", kind = "research" },
        title = $"{source} release, one row",
        publishedAt,
        facts = new object[] { new { type = "casualties", killed } },
    };
}
