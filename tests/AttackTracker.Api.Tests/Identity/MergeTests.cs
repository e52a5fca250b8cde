using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Tests.Statistics;

namespace AttackTracker.Api.Tests.Identity;

/// <summary>
/// Merges and unmerges (issue 23, docs/identity.md): POST /api/incidents/{id}/merges and
/// …/unmerges. Each test uses a country of its own, so its lists and statistics hold only its incidents.
/// </summary>
public sealed class MergeTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task A_merge_folds_both_records_into_the_survivor_and_the_attack_is_counted_once()
    {
        var (survivor, absorbed) = await PairAsync("LK", "2009-05-10");
        var beforeMerge = Instant((await IncidentAsync(absorbed))["lastRecordedAt"]!);
        Assert.Equal(2, await CountedAsync("LK"));

        var merged = await MergeAsync(survivor, absorbed, "Same bombing, GTD and UCDP rows.");

        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        var recorded = await merged.ReadJsonAsync();
        Assert.Equal((survivor, absorbed), (recorded["survivorId"]!.GetValue<Guid>(), recorded["absorbedId"]!.GetValue<Guid>()));
        Assert.Equal($"/api/incidents/{survivor}", merged.Headers.Location!.ToString());
        var view = await IncidentAsync(survivor);
        Assert.Equal(2, (int)view["reportCount"]!);
        Assert.Equal(["Global Terrorism Database", "UCDP GED"], Sources(view));
        Assert.Equal([absorbed], view["absorbed"]!.AsArray().Select(a => a!.GetValue<Guid>()));
        Assert.Equal((10, 12), ((int)view["casualties"]!["killed"]!["low"]!, (int)view["casualties"]!["killed"]!["high"]!));
        var moved = await _client.GetAsync(new Uri($"/api/incidents/{absorbed}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal($"</api/incidents/{survivor}>; rel=\"canonical\"", moved.Headers.GetValues("Link").Single());
        Assert.Equal(survivor, (await moved.ReadJsonAsync())["mergedInto"]!.GetValue<Guid>());
        Assert.Equal([survivor], await ListedAsync("LK"));
        Assert.Equal(1, await CountedAsync("LK"));
        Assert.Equal(("incident_merged", "incident_absorbed"), (await LastEventAsync(survivor), await LastEventAsync(absorbed)));
        var killed = (await _client.GetJsonAsync($"/api/incidents/{survivor}/figures"))["figures"]!.AsArray().Single(f => (string)f!["category"]! == "killed")!;
        Assert.Equal(["Global Terrorism Database", "UCDP GED"], killed["reports"]!.AsArray().Select(r => (string)r!["source"]!).Order(StringComparer.Ordinal));

        var thenSurvivor = await IncidentAsync(survivor, "?recordedAsOf=" + beforeMerge);
        var thenAbsorbed = await IncidentAsync(absorbed, "?recordedAsOf=" + beforeMerge);
        Assert.Equal((1, 1), ((int)thenSurvivor["reportCount"]!, (int)thenAbsorbed["reportCount"]!));
        Assert.Equal(["Global Terrorism Database"], Sources(thenSurvivor));
        Assert.Null(thenAbsorbed["mergedInto"]);
        var statsThen = await _client.GetJsonAsync($"/api/stats?groupBy=country&country=LK&recordedAsOf={beforeMerge}");
        Assert.Equal(2, (int)statsThen.Row("country", "LK")["incidents"]!);
    }

    [Fact]
    public async Task An_unmerge_makes_the_absorbed_incident_itself_again_and_the_merge_still_reads_as_of_its_time()
    {
        var (survivor, absorbed) = await PairAsync("NP", "2010-06-11");
        Assert.Equal(HttpStatusCode.Created, (await MergeAsync(survivor, absorbed, "Looked the same.")).StatusCode);
        var whileMerged = Instant((await IncidentAsync(survivor))["lastRecordedAt"]!);

        var unmerged = await _client.PostJsonAsync($"/api/incidents/{survivor}/unmerges", $$"""{"absorbed":"{{absorbed}}","reason":"Two attacks that day."}""");

        Assert.Equal(HttpStatusCode.Created, unmerged.StatusCode);
        var view = await IncidentAsync(survivor);
        Assert.Equal(1, (int)view["reportCount"]!);
        Assert.Null(view["absorbed"]);
        var restored = await _client.GetAsync(new Uri($"/api/incidents/{absorbed}", UriKind.Relative));
        Assert.False(restored.Headers.Contains("Link"));
        Assert.Null((await restored.ReadJsonAsync())["mergedInto"]);
        Assert.Equal([survivor, absorbed], (await ListedAsync("NP")).Order());
        Assert.Equal(2, await CountedAsync("NP"));
        Assert.Equal(("incident_unmerged", "incident_restored"), (await LastEventAsync(survivor), await LastEventAsync(absorbed)));
        Assert.Equal(2, (int)(await IncidentAsync(survivor, "?recordedAsOf=" + whileMerged))["reportCount"]!);
        Assert.Equal(survivor, (await IncidentAsync(absorbed, "?recordedAsOf=" + whileMerged))["mergedInto"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.Created, (await _client.PostReportAsync(absorbed, HttpExtensions.Report("Local Wire", "2010-06-12", new { type = "note", text = "Writable again." }))).StatusCode);
        var feed = await _client.GetStringAsync(new Uri($"/api/changes?after=0-0&follow=false&kinds=incident.merged,incident.unmerged&incidentIds={survivor},{absorbed}", UriKind.Relative));
        var announced = feed.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[5..])!["data"]!)
            .Select(d => ((string)d["kind"]!, d["incidentId"]!.GetValue<Guid>(), d["survivorId"]!.GetValue<Guid>(), d["absorbedId"]!.GetValue<Guid>())).ToList();
        Assert.Equal(
            [("incident.merged", survivor, survivor, absorbed), ("incident.merged", absorbed, survivor, absorbed), ("incident.unmerged", survivor, survivor, absorbed), ("incident.unmerged", absorbed, survivor, absorbed)],
            announced.OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2 == absorbed));
    }

    [Fact]
    public async Task Each_refusal_is_a_problem_naming_the_reason_and_writes_nothing()
    {
        var (survivor, absorbed) = await PairAsync("BD", "2011-07-12");
        var third = await _client.OpenIncidentAsync(StatsSupport.Opening("BD", "2011-07-12", "Third record"));
        Assert.Equal(HttpStatusCode.Created, (await MergeAsync(survivor, absorbed, "Same.")).StatusCode);
        var reader = host.CreateClient(await host.CreateKeyAsync("merge-reader", Roles.Reader));
        var before = await host.CountWritesAsync();

        await ProblemAssert.IsValidationProblemAsync(await MergeAsync(third, third, "Itself."), "absorbed");
        await ProblemAssert.IsValidationProblemAsync(await MergeAsync(third, absorbed, " "), "reason");
        await ProblemAssert.IsProblemAsync(await MergeAsync(third, Guid.NewGuid(), "Gone."), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await MergeAsync(Guid.NewGuid(), third, "Gone."), HttpStatusCode.NotFound);
        Assert.Contains("cycle", await ConflictAsync(await MergeAsync(absorbed, survivor, "Backwards.")), StringComparison.Ordinal);
        Assert.Contains($"already merged into incident {survivor}", await ConflictAsync(await MergeAsync(third, absorbed, "Again.")), StringComparison.Ordinal);
        Assert.Contains($"merged into incident {survivor}", await ConflictAsync(await MergeAsync(absorbed, third, "Into a link of the chain.")), StringComparison.Ordinal);
        Assert.Contains("has incidents merged into it", await ConflictAsync(await MergeAsync(third, survivor, "The survivor itself.")), StringComparison.Ordinal);
        Assert.Contains("nothing to unmerge", await ConflictAsync(await _client.PostJsonAsync($"/api/incidents/{third}/unmerges", $$"""{"absorbed":"{{absorbed}}","reason":"Not here."}""")), StringComparison.Ordinal);
        Assert.Contains($"merged into incident {survivor}", await ConflictAsync(await _client.PostReportAsync(absorbed, HttpExtensions.Report("Local Wire", "2011-07-13", new { type = "note", text = "Late." }))), StringComparison.Ordinal);
        var stale = await MergeAsync(third, Guid.NewGuid(), "Stale.", ifMatch: 7);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"/api/incidents/{survivor}/unmerges", $$"""{"absorbed":"{{absorbed}}","reason":"A reader."}""")).StatusCode);

        Assert.Equal(before, await host.CountWritesAsync());
        Assert.Equal(survivor, (await IncidentAsync(absorbed))["mergedInto"]!.GetValue<Guid>());
    }

    /// <summary>One attack as two data sets give it, each its own incident: GTD says 10 killed, UCDP 12.</summary>
    private async Task<(Guid Survivor, Guid Absorbed)> PairAsync(string country, string day)
    {
        var gtd = await _client.OpenIncidentAsync(StatsSupport.Opening(country, day, "Market bombing"));
        await _client.SubmitReportAsync(gtd, DataSet("Global Terrorism Database", day, new { type = "casualties", killed = 10 }));
        var ucdp = await _client.OpenIncidentAsync(StatsSupport.Opening(country, day, "Bombing at the market"));
        await _client.SubmitReportAsync(ucdp, DataSet("UCDP GED", day, new { type = "casualties", killed = 12 }));
        return (gtd, ucdp);
    }

    private async Task<HttpResponseMessage> MergeAsync(Guid survivor, Guid absorbed, string reason, long? ifMatch = null)
    {
        var version = ifMatch ?? await VersionAsync(survivor);
        return await _client.PostJsonAsync(
            $"/api/incidents/{survivor}/merges",
            new JsonObject { ["absorbed"] = absorbed.ToString(), ["reason"] = reason }.ToJsonString(),
            request => request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\""));
    }

    /// <summary>The incident's ETag as a version; 1 for an incident that does not exist (its If-Match is never read).</summary>
    private async Task<long> VersionAsync(Guid id) =>
        (await _client.GetAsync(new Uri($"/api/incidents/{id}", UriKind.Relative))).Headers.ETag?.Tag.Trim('"') is { } tag ? long.Parse(tag, CultureInfo.InvariantCulture) : 1;

    private static async Task<string> ConflictAsync(HttpResponseMessage response) =>
        (string)(await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict))["detail"]!;

    private Task<JsonObject> IncidentAsync(Guid id, string query = "") => _client.GetJsonAsync($"/api/incidents/{id}{query}");

    private async Task<string> LastEventAsync(Guid id) => (string)(await _client.GetJsonAsync($"/api/incidents/{id}/events"))["items"]!.AsArray()[^1]!["type"]!;

    private async Task<List<Guid>> ListedAsync(string country) =>
        [.. (await _client.GetJsonAsync($"/api/incidents?country={country}"))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];

    private async Task<int> CountedAsync(string country) =>
        (int)(await _client.CaughtUpAsync($"/api/stats?groupBy=country&country={country}")).Row("country", country)["incidents"]!;

    private static List<string> Sources(JsonObject view) => [.. view["sources"]!.AsArray().Select(s => (string)s!["name"]!)];

    private static string Instant(JsonNode recordedAt) =>
        Uri.EscapeDataString(DateTimeOffset.Parse((string)recordedAt!, CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    private static object DataSet(string source, string publishedAt, params object[] facts) => new
    {
        source = new { name = source, reliability = "B", kind = "research" },
        title = $"{source} release, one row",
        publishedAt,
        facts,
    };
}
