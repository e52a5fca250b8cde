using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Identity;

/// <summary>
/// Candidate duplicates (issue 23): GET /api/incidents/{id}/candidates, GET /api/candidates and
/// their rejection. Each test uses days of its own, so it sees only its incidents.
/// </summary>
public sealed class CandidateTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Finds_a_pair_from_two_data_sets_about_the_same_attack_with_its_signals_from_either_side()
    {
        var (gtd, ucdp) = await KarradaPairAsync("2016-07-03", "2016-07-04");
        var weeksLater = await OpenAsync("Karrada market bombing", "2016-07-25", "IQ", "Karrada, Baghdad");
        var otherCountry = await OpenAsync("Karrada market bombing", "2016-07-03", "SY", "Karrada");

        var fromGtd = await CandidatesAsync(gtd);
        var fromUcdp = await CandidatesAsync(ucdp);

        var found = Assert.Single(fromGtd["items"]!.AsArray());
        Assert.Equal(ucdp, found!["id"]!.GetValue<Guid>());
        var signals = found["signals"]!.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["detail"]!);
        Assert.Equal(["country", "date", "distance", "place", "killed", "groups", "words"], signals.Keys);
        Assert.Equal(("IQ", "1 day apart", "islamic-state"), (signals["country"], signals["date"], signals["groups"]));
        Assert.Contains("karrada", signals["words"], StringComparison.Ordinal);
        Assert.True((double)found["score"]! > 0.8, $"score {found["score"]}");
        Assert.Equal([gtd], Ids(fromUcdp));
        Assert.Equal((double)found["score"]!, (double)fromUcdp["items"]![0]!["score"]!);
        Assert.DoesNotContain(weeksLater, Ids(fromGtd));
        Assert.DoesNotContain(otherCountry, Ids(fromGtd));
        Assert.Contains(weeksLater, Ids(await CandidatesAsync(gtd, "?window=30&minScore=0")));
    }

    [Fact]
    public async Task A_pair_far_apart_on_the_map_scores_low_and_is_not_proposed()
    {
        var near = await OpenAtAsync("Checkpoint attack", "2015-02-10", "NG", "Maiduguri", 11.83, 13.15);
        var far = await OpenAtAsync("Checkpoint attack", "2015-02-10", "NG", "Lagos", 6.52, 3.38);

        var list = await CandidatesAsync(near);

        Assert.DoesNotContain(far, Ids(list));
        var all = await CandidatesAsync(near, "?minScore=0");
        var distance = all["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == far)!["signals"]!.AsArray().Single(s => (string)s!["name"]! == "distance")!;
        Assert.True((double)distance["score"]! < 0);
    }

    [Fact]
    public async Task A_rejected_pair_is_not_proposed_again_from_either_side_nor_in_the_review_list()
    {
        var (gtd, ucdp) = await KarradaPairAsync("2017-07-03", "2017-07-03");
        Assert.Equal([ucdp], Ids(await CandidatesAsync(gtd)));
        Assert.Single(Pairs(await ReviewAsync("?from=2017-07-03&to=2017-07-03&country=IQ")));

        var rejected = await _client.PostJsonAsync($"/api/incidents/{gtd}/candidates/{ucdp}/rejections", """{"reason":"Two bombings in Karrada that day."}""");

        Assert.Equal(HttpStatusCode.Created, rejected.StatusCode);
        var body = await rejected.ReadJsonAsync();
        Assert.Equal((gtd, ucdp), (body["incidentId"]!.GetValue<Guid>(), body["otherId"]!.GetValue<Guid>()));
        Assert.Empty(Ids(await CandidatesAsync(gtd, "?minScore=0")));
        Assert.Empty(Ids(await CandidatesAsync(ucdp, "?minScore=0")));
        Assert.Empty(Pairs(await ReviewAsync("?from=2017-07-03&to=2017-07-03&country=IQ&minScore=0")));
        var events = await _client.GetJsonAsync($"/api/incidents/{gtd}/events");
        var last = events["items"]!.AsArray()[^1]!;
        Assert.Equal(("candidate_rejected", ApiHost.EditorName), ((string)last["type"]!, (string)last["recordedBy"]!));
        var again = await _client.PostJsonAsync($"/api/incidents/{gtd}/candidates/{ucdp}/rejections", """{"reason":"Again."}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_reader_key_cannot_reject_and_nothing_is_written()
    {
        var (gtd, ucdp) = await KarradaPairAsync("2018-07-03", "2018-07-03");
        var reader = host.CreateClient(await host.CreateKeyAsync("candidate-reader", Roles.Reader));
        var before = await host.CountWritesAsync();

        var refused = await reader.PostJsonAsync($"/api/incidents/{gtd}/candidates/{ucdp}/rejections", """{"reason":"Not the same."}""");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, await host.CountWritesAsync());
        Assert.Equal([ucdp], Ids(await CandidatesAsync(gtd)));
    }

    [Fact]
    public async Task The_review_list_pages_by_cursor_and_holds_each_pair_once()
    {
        var ids = new List<Guid>();
        foreach (var day in new[] { "2012-05-05", "2012-05-05", "2012-05-06" })
        {
            ids.Add(await OpenAsync("Bus station bombing", day, "KE", "Mombasa bus station"));
        }

        var first = await ReviewAsync("?country=KE&from=2012-05-01&to=2012-05-31&pageSize=2");
        var second = await ReviewAsync($"?country=KE&from=2012-05-01&to=2012-05-31&pageSize=2&cursor={Uri.EscapeDataString((string)first["next"]!)}");

        Assert.Equal(2, Pairs(first).Count);
        Assert.Single(Pairs(second));
        Assert.Null(second["next"]);
        var pairs = Pairs(first).Concat(Pairs(second)).ToList();
        Assert.Equal(3, pairs.Select(p => (Min(p), Max(p))).Distinct().Count());
        Assert.All(pairs, p => Assert.Contains(p.Later, ids));
        Assert.Equal("2012-05-06", (string)first["items"]![0]!["later"]!["occurredOn"]!);
    }

    [Fact]
    public async Task Bad_parameters_are_a_400_naming_the_parameter_and_an_unknown_incident_a_404()
    {
        var (gtd, ucdp) = await KarradaPairAsync("2019-07-03", "2019-07-03");
        string[][] cases =
        [
            [$"/api/incidents/{gtd}/candidates?window=31", "window"],
            [$"/api/incidents/{gtd}/candidates?minScore=1.5", "minScore"],
            [$"/api/incidents/{gtd}/candidates?limit=0", "limit"],
            [$"/api/incidents/{gtd}/candidates?pageSize=5", "pageSize"],
            ["/api/candidates?cursor=not-a-cursor", "cursor"],
            ["/api/candidates?country=XX", "country"],
            ["/api/candidates?from=2019-13-01", "from"],
            ["/api/candidates?minScore=high", "minScore"],
        ];
        foreach (var (url, field) in cases.Select(c => (c[0], c[1])))
        {
            await ProblemAssert.IsValidationProblemAsync(await _client.GetAsync(new Uri(url, UriKind.Relative)), field);
        }

        var before = await host.CountWritesAsync();
        await ProblemAssert.IsValidationProblemAsync(await _client.PostJsonAsync($"/api/incidents/{gtd}/candidates/{ucdp}/rejections", """{"reason":" "}"""), "reason");
        await ProblemAssert.IsValidationProblemAsync(await _client.PostJsonAsync($"/api/incidents/{gtd}/candidates/{gtd}/rejections", """{"reason":"Itself."}"""), "otherId");
        await ProblemAssert.IsProblemAsync(await _client.PostJsonAsync($"/api/incidents/{gtd}/candidates/{Guid.NewGuid()}/rejections", """{"reason":"Gone."}"""), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _client.PostJsonAsync($"/api/incidents/{Guid.NewGuid()}/candidates/{gtd}/rejections", """{"reason":"Gone."}"""), HttpStatusCode.NotFound);
        Assert.Equal(before, await host.CountWritesAsync());
        await ProblemAssert.IsProblemAsync(await _client.GetAsync(new Uri($"/api/incidents/{Guid.NewGuid()}/candidates", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    /// <summary>The same attack as two data sets give it: GTD's row and UCDP's, a day or none apart, a kilometre apart, the same group, close tolls.</summary>
    private async Task<(Guid Gtd, Guid Ucdp)> KarradaPairAsync(string gtdDay, string ucdpDay)
    {
        var gtd = await OpenAsync("Suicide bombing at Karrada market", gtdDay, "IQ", "Karrada, Baghdad");
        await _client.SubmitReportAsync(gtd, DataSet("Global Terrorism Database", gtdDay,
            new { type = "casualties", killed = 300 },
            new { type = "location", city = "Baghdad", lat = 33.3080, lon = 44.4240 },
            new { type = "claim", claimant = "Islamic State" }));
        var ucdp = await OpenAsync("Karrada market bombing", ucdpDay, "IQ", "Karrada");
        await _client.SubmitReportAsync(ucdp, DataSet("UCDP GED", ucdpDay,
            new { type = "casualties", killed = new { min = 292, max = 341 } },
            new { type = "location", city = "Baghdad", lat = 33.3100, lon = 44.4300 },
            new { type = "perpetrator", affiliation = "Islamic State" }));
        return (gtd, ucdp);
    }

    private async Task<Guid> OpenAsync(string title, string occurredOn, string country, string place) =>
        await _client.OpenIncidentAsync(new { title, occurredOn, country, place });

    private async Task<Guid> OpenAtAsync(string title, string occurredOn, string country, string place, double lat, double lon)
    {
        var id = await OpenAsync(title, occurredOn, country, place);
        await _client.SubmitReportAsync(id, HttpExtensions.Report("Geo Wire", occurredOn, new { type = "location", place, lat, lon }));
        return id;
    }

    private static object DataSet(string source, string publishedAt, params object[] facts) => new
    {
        source = new { name = source, reliability = "B", kind = "research" },
        title = $"{source} release, one row",
        publishedAt,
        facts,
    };

    private Task<JsonObject> CandidatesAsync(Guid id, string query = "") => _client.GetJsonAsync($"/api/incidents/{id}/candidates{query}");

    private Task<JsonObject> ReviewAsync(string query) => _client.GetJsonAsync($"/api/candidates{query}");

    private static List<Guid> Ids(JsonObject list) => [.. list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];

    private static List<(Guid Later, Guid Earlier)> Pairs(JsonObject page) =>
        [.. page["items"]!.AsArray().Select(i => (i!["later"]!["id"]!.GetValue<Guid>(), i["earlier"]!["id"]!.GetValue<Guid>()))];

    private static Guid Min((Guid A, Guid B) pair) => pair.A.CompareTo(pair.B) < 0 ? pair.A : pair.B;

    private static Guid Max((Guid A, Guid B) pair) => pair.A.CompareTo(pair.B) < 0 ? pair.B : pair.A;
}
