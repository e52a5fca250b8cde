using System.Net;
using System.Text.Json.Nodes;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.Statistics.StatsSupport;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Statistics;

/// <summary>
/// GET /api/stats and the groups, from the async projection on the daemon. Each test works in
/// countries of its own, so the class's shared host never mixes their incidents.
/// </summary>
public sealed class StatsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_groupBy_sums_the_incidents_reconciled_figures_and_counts_disputed_and_single_source()
    {
        var client = host.CreateClient();
        var (a, b, c, d) = await SeedAsync(client, "BE", "NL");
        var views = new Dictionary<Guid, JsonObject>();
        foreach (var id in new[] { a, b, c, d })
        {
            views[id] = await client.GetJsonAsync($"/api/incidents/{id}");
        }

        long Best(string figure, params Guid[] ids) => ids.Sum(id => (long)views[id]["casualties"]![figure]!["best"]!);
        long Low(string figure, params Guid[] ids) => ids.Sum(id => (long)views[id]["casualties"]![figure]!["low"]!);

        var byCountry = await client.CaughtUpAsync("/api/stats?groupBy=country");
        var be = byCountry.Row("country", "BE");
        Assert.Equal(3, (int)be["incidents"]!);
        Assert.Equal((Low("killed", a, b, c), Best("killed", a, b, c)), (be.Sums("killed").Low, be.Sums("killed").Best));
        Assert.Equal(Best("wounded", a, b, c), be.Sums("wounded").Best);
        Assert.Equal(1, (int)be["disputed"]!);
        Assert.Equal(1, (int)be["singleSource"]!);
        Assert.Equal(1, (int)byCountry.Row("country", "NL")["incidents"]!);

        var byYear = await client.CaughtUpAsync("/api/stats?groupBy=year&country=BE");
        Assert.Equal([2015, 2018], byYear["rows"]!.AsArray().Select(r => (int)r!["key"]!["year"]!));
        Assert.Equal(Best("killed", b, c), byYear.Row("year", 2018).Sums("killed").Best);

        var byCountryYear = await client.CaughtUpAsync("/api/stats?groupBy=country,year&from=2015-01-01&to=2018-12-31");
        var cells = byCountryYear["rows"]!.AsArray().Select(r => $"{r!["key"]!["country"]}-{r["key"]!["year"]}").ToList();
        Assert.Contains("BE-2015", cells);
        Assert.Contains("BE-2018", cells);
        Assert.Contains("NL-2016", cells);

        var byGroup = await client.CaughtUpAsync("/api/stats?groupBy=group&country=BE");
        var islamicState = byGroup.Row("group", "islamic-state");
        Assert.Equal(3, (int)islamicState["incidents"]!); // two claims spelled two ways, one attribution with a remark
        Assert.Equal("Islamic State", (string?)islamicState["label"]);
        Assert.Equal(Best("killed", a, b, c), islamicState.Sums("killed").Best);

        var byAttack = await client.CaughtUpAsync("/api/stats?groupBy=attackType&country=BE");
        var armed = byAttack.Row("attackType", "armed-assault");
        Assert.Equal((2, 2, "Armed Assault"), ((int)armed["incidents"]!, (int)armed["code"]!, (string?)armed["label"]));
        Assert.Equal(1, (int)byAttack.Row("attackType", "hostage-taking-barricade")["incidents"]!);

        var byWeapon = await client.CaughtUpAsync("/api/stats?groupBy=weaponType&country=BE");
        Assert.Equal(2, (int)byWeapon.Row("weaponType", "firearms")["incidents"]!);
        Assert.Equal(1, (int)byWeapon.Row("weaponType", "melee")["incidents"]!);
        Assert.True((long)byWeapon.Row("weaponType", "firearms")["lastSequence"]! > 0);
    }

    [Fact]
    public async Task An_open_ended_figure_leaves_the_high_sum_open_and_is_counted()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("DK", "2019-01-01"));
        await client.PostReportOkAsync(id, Report("Wire", "2019-01-02", Killed(new { atLeast = 5 })));
        var other = await client.OpenIncidentAsync(Opening("DK", "2019-02-01"));
        await client.PostReportOkAsync(other, Report("Wire", "2019-02-02", Killed(2)));

        var row = (await client.CaughtUpAsync("/api/stats?country=DK")).Row("country", "DK");

        Assert.Equal((7L, 7L, (long?)null), row.Sums("killed"));
        Assert.Equal((2, 1), ((int)row["killed"]!["reported"]!, (int)row["killed"]!["unbounded"]!));
        Assert.Equal(0, (int)row["wounded"]!["reported"]!);
    }

    [Fact]
    public async Task A_figure_no_incident_reports_is_absent_not_zero_and_the_incidents_without_it_are_counted()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("FI", "2015-01-07"));
        await client.PostReportOkAsync(id, Report("Wire", "2015-01-08", Killed(12)));
        var unknown = await client.OpenIncidentAsync(Opening("FI", "2015-01-09"));
        await client.PostReportOkAsync(unknown, Report("Wire", "2015-01-10", Claim("A Group")));

        var row = (await client.CaughtUpAsync("/api/stats?groupBy=year&country=FI")).Row("year", 2015);
        var asOf = (await client.GetJsonAsync("/api/stats?groupBy=year&country=FI&asOf=2999-12-31")).Row("year", 2015);

        Assert.Equal("""{"low":12,"best":12,"high":12,"reported":1,"notReported":1,"unbounded":0}""", row["killed"]!.ToJsonString());
        Assert.Equal("""{"reported":0,"notReported":2,"unbounded":0}""", row["wounded"]!.ToJsonString());
        Assert.Equal(row["wounded"]!.ToJsonString(), asOf["wounded"]!.ToJsonString());
        var byWounded = await client.GetJsonAsync("/api/stats?groupBy=country&sort=wounded&pageSize=100");
        var bests = byWounded["rows"]!.AsArray().Select(r => (long?)r!["wounded"]!["best"]).ToList();
        Assert.Contains(null, bests);
        Assert.DoesNotContain(bests.SkipWhile(b => b is not null), b => b is not null); // the unknown last, not first
    }

    [Fact]
    public async Task Filters_by_country_dates_and_group_by_slug_or_name()
    {
        var client = host.CreateClient();
        await SeedAsync(client, "SE", "NO");

        var se = await client.CaughtUpAsync("/api/stats?groupBy=year&country=SE&from=2018-01-01&to=2018-04-01");
        Assert.Equal(1, (int)se.Row("year", 2018)["incidents"]!);
        Assert.Single(se["rows"]!.AsArray());

        var bySlug = await client.CaughtUpAsync("/api/stats?groupBy=country&group=islamic-state");
        var byName = await client.CaughtUpAsync("/api/stats?groupBy=country&group=ISLAMIC%20St%C3%A2te");
        Assert.Equal(bySlug["rows"]!.ToJsonString(), byName["rows"]!.ToJsonString());
        Assert.Equal(3, (int)bySlug.Row("country", "SE")["incidents"]!);
        Assert.Equal(1, (int)bySlug.Row("country", "NO")["incidents"]!);
        Assert.Empty((await client.CaughtUpAsync("/api/stats?group=nobody-at-all"))["rows"]!.AsArray());
    }

    [Fact]
    public async Task Pages_hold_the_rows_in_key_order_or_by_a_count_and_say_the_total()
    {
        var client = host.CreateClient();
        await SeedAsync(client, "AT", "CH");
        var all = await client.CaughtUpAsync("/api/stats?groupBy=attackType&country=AT");
        var keys = all["rows"]!.AsArray().Select(r => (string?)r!["key"]!["attackType"]).ToList();
        Assert.Equal(["armed-assault", "bombing-explosion", "hostage-taking-barricade"], keys);

        var second = await client.GetJsonAsync("/api/stats?groupBy=attackType&country=AT&page=2&pageSize=1");
        var past = await client.GetJsonAsync("/api/stats?groupBy=attackType&country=AT&page=9&pageSize=1");
        var byIncidents = await client.GetJsonAsync("/api/stats?groupBy=attackType&country=AT&sort=incidents");

        Assert.Equal(("bombing-explosion", 3L), ((string?)second["rows"]![0]!["key"]!["attackType"], (long)second["total"]!));
        Assert.Single(second["rows"]!.AsArray());
        Assert.Empty(past["rows"]!.AsArray());
        Assert.Equal(3, (long)past["total"]!);
        Assert.Equal("armed-assault", (string?)byIncidents["rows"]![0]!["key"]!["attackType"]);
    }

    [Fact]
    public async Task The_answer_has_an_ETag_and_a_matching_If_None_Match_is_304_until_the_totals_move()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("PT", "2017-08-17"));
        await client.PostReportOkAsync(id, Report("Wire", "2017-08-18", Killed(13)));
        await client.CaughtUpAsync("/api/stats?country=PT");
        var first = await client.GetAsync("/api/stats?country=PT");
        var etag = first.Headers.ETag!.Tag;

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/stats?country=PT");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await client.SendAsync(again);
        await client.PostReportOkAsync(id, Report("Wire Two", "2017-08-19", Killed(14)));
        await client.CaughtUpAsync("/api/stats?country=PT");
        var moved = new HttpRequestMessage(HttpMethod.Get, "/api/stats?country=PT");
        moved.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var changed = await client.SendAsync(moved);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Every_answer_says_how_far_the_projection_has_folded_against_the_high_water_mark()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("IE", "2017-01-01"));
        await client.PostReportOkAsync(id, Report("Wire", "2017-01-02", Killed(1)));

        var answer = await client.CaughtUpAsync("/api/stats?country=IE");
        var progress = answer["progress"]!;
        var health = await client.GetJsonAsync("/health");
        var shard = health["events"]!["projections"]!.AsArray().Single(p => (string?)p!["name"] == "incident_stats:All")!;

        Assert.Equal("incident_stats", (string?)progress["projection"]);
        Assert.True((long)progress["lastSequence"]! >= (long)answer.Row("country", "IE")["lastSequence"]!);
        Assert.True((long)progress["highWaterMark"]! <= (long)progress["storeLastSequence"]!);
        Assert.Equal((long)progress["storeLastSequence"]! - (long)progress["lastSequence"]!, (long)progress["lag"]!);
        Assert.True((long)shard["lastSequence"]! >= (long)progress["lastSequence"]!);
    }

    [Fact]
    public async Task A_retraction_and_an_adjudication_move_the_totals()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("IT", "2016-07-14"));
        await client.PostReportOkAsync(id, Report("Wire", "2016-07-15", Casualties(84, 15)));
        var wrong = await client.PostReportOkAsync(id, Report("Wire Two", "2016-07-16", Casualties(840, 16)));
        var disputed = (await client.CaughtUpAsync("/api/stats?country=IT")).Row("country", "IT");
        Assert.Equal(1, (int)disputed["disputed"]!);

        var retraction = await client.PostAsync($"/api/incidents/{id}/retractions", new
        {
            factIds = wrong["factIds"]!.AsArray().Select(f => (Guid)f!).ToArray(),
            kind = "entered-in-error",
            reason = "Typed 840 for 84, 16 for 15.",
        });
        Assert.Equal(HttpStatusCode.Created, retraction.StatusCode);
        var retracted = (await client.CaughtUpAsync("/api/stats?country=IT")).Row("country", "IT");

        await client.PostReportOkAsync(id, Report("Wire Three", "2016-07-20", Casualties(86, 15)));
        var adjudication = await client.PostAsync($"/api/incidents/{id}/adjudications", new { category = "killed", value = 86, rationale = "The prosecutor's final count." });
        Assert.Equal(HttpStatusCode.Created, adjudication.StatusCode);
        var adjudicated = (await client.CaughtUpAsync("/api/stats?country=IT")).Row("country", "IT");

        Assert.Equal((84L, 84L, (long?)84), retracted.Sums("killed"));
        Assert.Equal((0, 1), ((int)retracted["disputed"]!, (int)retracted["singleSource"]!));
        Assert.Equal(86, adjudicated.Sums("killed").Best);
        Assert.Equal(0, (int)adjudicated["disputed"]!);
    }

    [Fact]
    public async Task As_of_a_date_counts_only_what_had_been_published_and_today_equals_the_projection()
    {
        var client = host.CreateClient();
        await SeedAsync(client, "ES", "GR");

        var asOf = await client.CaughtUpAsync("/api/stats?country=ES&groupBy=year&asOf=2018-03-25");
        var now = await client.CaughtUpAsync("/api/stats?groupBy=group");
        var future = await client.CaughtUpAsync("/api/stats?groupBy=group&asOf=2999-12-31");

        // The 2018-05 incident had no report yet; the siege's second report came on 2018-03-30.
        var row2018 = asOf.Row("year", 2018);
        Assert.Equal(1, (int)row2018["incidents"]!);
        Assert.Equal(3, row2018.Sums("killed").Low);
        Assert.Equal("2018-03-25T23:59:59.9999999+00:00", (string?)asOf["asOf"]);
        Assert.Equal(now.RowsWithoutSequence(), future.RowsWithoutSequence());
    }

    [Theory]
    [InlineData("groupBy=city", "groupBy")]
    [InlineData("groupBy=", "groupBy")]
    [InlineData("from=2019-01-01&to=2018-01-01", "from")]
    [InlineData("from=2018-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("country=France", "country")]
    [InlineData("asOf=2018-13-01", "asOf")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("page=99999999999999", "page")]
    [InlineData("sort=deaths", "sort")]
    [InlineData("group=%E2%80%94%E2%80%94", "group")]
    public async Task Bad_query_input_is_400_naming_the_parameter(string query, string parameter)
    {
        var response = await host.CreateClient().GetAsync($"/api/stats?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![parameter]);
    }

    [Fact]
    public async Task A_group_profile_gathers_its_incidents_claims_channels_and_attributed_casualties()
    {
        var client = host.CreateClient();
        var (a, b, c, _) = await SeedAsync(client, "LU", "MT");
        await client.CaughtUpAsync("/api/stats?country=LU");

        var groups = await client.GetJsonAsync("/api/groups?country=LU");
        var profile = await client.GetJsonAsync("/api/groups/islamic-state?pageSize=100");
        var byName = await client.GetAsync("/api/groups/Islamic%20State");
        var unknown = await client.GetAsync("/api/groups/no-such-group");
        var bad = await client.GetAsync("/api/groups/%E2%80%94");

        var listed = groups["items"]!.AsArray().Single(g => (string?)g!["slug"] == "islamic-state")!;
        Assert.Equal((3, 2, 1), ((int)listed["incidents"]!, (int)listed["claimed"]!, (int)listed["attributed"]!));
        Assert.Equal("Islamic State", (string?)profile["profile"]!["name"]);
        var incidents = profile["incidents"]!.AsArray().Select(i => (Guid)i!["id"]!).ToList();
        Assert.True(new[] { a, b, c }.All(incidents.Contains));
        Assert.Contains(profile["profile"]!["channels"]!.AsArray(), ch => (string?)ch!["channel"] == "Amaq News Agency");
        Assert.Contains("LU", profile["profile"]!["countries"]!.AsArray().Select(x => (string?)x));
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.ReadJsonAsync())["errors"]!["slug"]);
    }
}
