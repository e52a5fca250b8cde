using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Statistics;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Microsoft.Extensions.DependencyInjection;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.Statistics.StatsSupport;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Statistics;

/// <summary>
/// The statistics on both time axes against the oracle: every incident's view at the point, folded
/// and aggregated in memory (<see cref="StatsOracle"/>, the slow path). One history is written in
/// commits whose recorded times are kept, with reports entered out of order, both kinds of
/// retraction and a ruling; then every groupBy, with and without filters, is asked at every point
/// where anything changes on either axis, and just before and after each.
/// </summary>
public sealed class StatsAxesTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] GroupBys = ["country", "year", "country,year", "group", "attackType", "weaponType"];

    [Fact]
    public async Task Every_answer_on_either_axis_equals_the_fold_of_every_incidents_view_at_that_point()
    {
        var client = host.CreateClient();
        var (published, recorded) = await WriteHistoryAsync(client);
        await client.CaughtUpAsync("/api/stats");
        var oracle = host.Services.GetRequiredService<StatsOracle>();

        var compared = 0;
        foreach (var (axis, points) in new[] { ("asOf", Around(published)), ("recordedAsOf", Around(recorded)) })
        {
            foreach (var point in points)
            {
                foreach (var groupBy in GroupBys)
                {
                    foreach (var filter in new[] { "", "&country=PT", "&group=red-brigade", "&from=2016-01-01&to=2017-12-31" })
                    {
                        var url = $"/api/stats?groupBy={Uri.EscapeDataString(groupBy)}&{axis}={Uri.EscapeDataString(Text(point))}{filter}&pageSize=100";
                        var answer = await client.GetJsonAsync(url);
                        var query = new StatsQuery(StatsParameters.GroupBys[groupBy], Filter(filter), StatsSort.Key, 1, 100,
                            axis == "asOf" ? point : null, axis == "recordedAsOf" ? point : null);
                        var expected = await oracle.RowsAsync(query, CancellationToken.None);
                        Assert.True(Rows(expected) == answer.RowsWithoutSequence(), $"{url}\nexpected {Rows(expected)}\ngot      {answer.RowsWithoutSequence()}");
                        compared++;
                    }
                }
            }
        }

        var now = await client.GetJsonAsync("/api/stats?groupBy=group&sort=killed");
        var current = await oracle.RowsAsync(new StatsQuery(StatsDimension.Group, new StatsFilter(null, null, null, null), StatsSort.Killed, 1, 50), CancellationToken.None);
        Assert.Equal(Rows(StatsOracle.Sorted(current, StatsSort.Killed)), now.RowsWithoutSequence());
        Assert.True(compared > 1000, $"{compared} answers compared");
    }

    [Fact]
    public async Task Retractions_and_a_ruling_move_the_history_on_each_axis_from_where_they_take_effect()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("NO", "2011-07-22", "Oslo bombing"));
        var first = await client.PostReportOkAsync(id, Report("Wire A", "2011-07-23", Killed(8)));
        var inError = await client.PostReportOkAsync(id, Report("Wire B", "2011-07-24", Killed(80)));
        var withdrawn = await client.PostReportOkAsync(id, Report("Wire C", "2011-07-25", Killed(9)));
        var beforeCorrections = await RecordedAtAsync(client, id);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{id}/retractions", new { reportId = (Guid)inError["reportId"]!, kind = "entered-in-error", reason = "A typo." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{id}/retractions", new { reportId = (Guid)withdrawn["reportId"]!, kind = "withdrawn-by-source", reason = "Corrected.", publishedAt = "2011-08-01" })).StatusCode);
        await client.CaughtUpAsync("/api/stats?country=NO");

        async Task<long?> KilledAsync(string point) => (await client.GetJsonAsync($"/api/stats?country=NO&{point}")).Row("country", "NO").Sums("killed").Best;

        // Entered in error: never counted at any publication date. Withdrawn: counted until the withdrawal's publication.
        Assert.Equal(8, await KilledAsync("asOf=2011-07-24"));
        Assert.Equal(9, await KilledAsync("asOf=2011-07-31"));
        Assert.Equal(8, await KilledAsync("asOf=2011-08-01"));
        // On the recording axis both counted until they were recorded.
        var asRecordedBefore = (await client.GetJsonAsync($"/api/stats?country=NO&recordedAsOf={Uri.EscapeDataString(Text(beforeCorrections))}")).Row("country", "NO");
        Assert.Equal((8L, 80L), (asRecordedBefore.Sums("killed").Low, asRecordedBefore.Sums("killed").High!.Value));
        Assert.Equal(1, (int)asRecordedBefore["disputed"]!);
        Assert.Equal(8, await KilledAsync("recordedAsOf=2999-01-01"));
        Assert.Empty((await client.GetJsonAsync($"/api/stats?country=NO&asOf=2011-07-22"))["rows"]!.AsArray());
        _ = first;
    }

    [Fact]
    public async Task A_report_entered_years_after_it_was_published_moves_the_history_from_its_publication_on()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("IE", "2018-05-01", "Late article"));
        await client.PostReportOkAsync(id, Report("Wire A", "2018-05-02", Killed(2)));
        var beforeLate = await RecordedAtAsync(client, id);
        await client.CaughtUpAsync("/api/stats?country=IE");
        var before = await client.GetJsonAsync("/api/stats?country=IE&asOf=2019-01-01");

        await client.PostReportOkAsync(id, Report("Wire B", "2018-06-01", Killed(3)));
        await client.CaughtUpAsync("/api/stats?country=IE");

        Assert.Equal(2, before.Row("country", "IE").Sums("killed").Best);
        Assert.Equal(2, (await client.GetJsonAsync("/api/stats?country=IE&asOf=2018-05-31")).Row("country", "IE").Sums("killed").Best);
        Assert.Equal("disputed", Status(await client.GetJsonAsync("/api/stats?country=IE&asOf=2019-01-01")));
        var asRecordedBefore = await client.GetJsonAsync($"/api/stats?country=IE&recordedAsOf={Uri.EscapeDataString(Text(beforeLate))}");
        Assert.Equal(0, (int)asRecordedBefore.Row("country", "IE")["disputed"]!);
    }

    [Fact]
    public async Task Both_axes_at_once_are_answered_by_the_fold_and_say_so_and_a_state_that_no_longer_exists_is_marked_historical()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("DDDE", "1985-03-01", "Bombing in East Berlin"));
        var opened = await RecordedAtAsync(client, id);
        await client.PostReportOkAsync(id, Report("Wire A", "1985-03-02", Killed(1)));
        var recorded = await RecordedAtAsync(client, id);
        await client.CaughtUpAsync("/api/stats?country=DDDE");

        var both = await client.GetJsonAsync($"/api/stats?country=DDDE&from=1985-01-01&to=1985-12-31&asOf=1985-03-02&recordedAsOf={Uri.EscapeDataString(Text(recorded))}");
        var byCountry = await client.GetJsonAsync("/api/stats?groupBy=country,year&country=DDDE&from=1985-01-01&to=1985-12-31&recordedAsOf=2999-01-01");

        Assert.Equal("incident_state", (string?)both["progress"]!["projection"]);
        Assert.Equal(1, both.Row("country", "DDDE").Sums("killed").Best);
        Assert.NotNull(both["recordedAsOf"]);
        Assert.True((bool)byCountry.Row("country", "DDDE")["historical"]!);
        Assert.Null((await client.GetJsonAsync("/api/stats?groupBy=year&country=DDDE"))["rows"]![0]!["historical"]);
        Assert.Empty((await client.GetJsonAsync($"/api/stats?country=DDDE&from=1985-01-01&to=1985-12-31&recordedAsOf={Uri.EscapeDataString(Text(opened.AddTicks(-10)))}"))["rows"]!.AsArray());
    }

    /// <summary>Four incidents written over ten commits; returns every publication-axis point and every commit's recorded time.</summary>
    private static async Task<(List<DateTimeOffset> Published, List<DateTimeOffset> Recorded)> WriteHistoryAsync(HttpClient client)
    {
        var recorded = new List<DateTimeOffset>();
        var published = new List<DateTimeOffset>();
        async Task CommitAsync(Guid id) => recorded.Add(await RecordedAtAsync(client, id));
        void Published(params string[] dates) => published.AddRange(dates.Select(d => DateTimeOffset.Parse(d, CultureInfo.InvariantCulture)));

        var a = await client.OpenIncidentAsync(Opening("PT", "2016-03-01", "Market bombing"));
        await CommitAsync(a);
        var aFirst = await client.PostReportOkAsync(a, Report("Wire One", "2016-03-02T10:00:00Z", Casualties(5, 20), Claim("Red Brigade"), AttackTypes("bombing-explosion"), Weapon("explosives")));
        await CommitAsync(a);
        var b = await client.OpenIncidentAsync(Opening("PT", "2017-06-10", "Armed raid"));
        await client.PostReportOkAsync(b, Report("Wire Two", "2017-06-11", Casualties(new { atLeast = 2 }, 4), Perpetrator("gunman", "Red Brigade"), AttackTypes("armed-assault", "hostage-taking-barricade"), Weapon("firearms")));
        await CommitAsync(b);
        var c = await client.OpenIncidentAsync(Opening("ES", "2015-01-05", "Station attack"));
        await client.PostReportOkAsync(c, Report("Wire One", "2015-01-06", Casualties(1, 2), Claim("Blue Front"), Weapon("melee")));
        await CommitAsync(c);
        // Entered later, published earlier than what was recorded before it.
        await client.PostReportOkAsync(a, Report("Wire Three", "2016-03-01T22:00:00Z", Casualties(7, 21)));
        await CommitAsync(a);
        await client.PostReportOkAsync(c, Report("Wire Two", "2015-01-07", Casualties(1, 3), Claim("Red Brigade")));
        await CommitAsync(c);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{a}/retractions", new { reportId = (Guid)aFirst["reportId"]!, kind = "withdrawn-by-source", reason = "Corrected.", publishedAt = "2016-04-01" })).StatusCode);
        await CommitAsync(a);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{b}/adjudications", new { category = "killed", value = 3, rationale = "Court record." })).StatusCode);
        await CommitAsync(b);
        published.Add(recorded[^1]);
        var d = await client.OpenIncidentAsync(Opening("DDDE", "1986-02-02", "Checkpoint shooting"));
        await CommitAsync(d);
        var dReport = await client.PostReportOkAsync(d, Report("Wire Four", "1986-02-03", Casualties(2, 0), Claim("Blue Front")));
        await CommitAsync(d);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{d}/retractions", new { factIds = dReport["factIds"]!.AsArray().Select(f => (Guid)f!).Take(1).ToArray(), kind = "entered-in-error", reason = "Wrong incident." })).StatusCode);
        await CommitAsync(d);
        Published("2016-03-02T10:00:00Z", "2017-06-11", "2015-01-06", "2016-03-01T22:00:00Z", "2015-01-07", "2016-04-01", "1986-02-03");
        return (published, recorded);
    }

    /// <summary>The points themselves, a microsecond before and after each, a day after each, and the ends of both axes.</summary>
    private static List<DateTimeOffset> Around(IEnumerable<DateTimeOffset> points) =>
        [.. points.SelectMany(p => new[] { p.AddTicks(-10), p, p.AddTicks(10), p.AddDays(1) })
            .Append(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)).Append(new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Distinct().Order()];

    private static async Task<DateTimeOffset> RecordedAtAsync(HttpClient client, Guid id) =>
        DateTimeOffset.Parse((string)(await client.GetJsonAsync($"/api/incidents/{id}"))["lastRecordedAt"]!, CultureInfo.InvariantCulture);

    private static StatsFilter Filter(string query)
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        DateOnly? Date(string key) => values.TryGetValue(key, out var v) ? DateOnly.Parse(v, CultureInfo.InvariantCulture) : null;
        return new StatsFilter(values.GetValueOrDefault("country"), Date("from"), Date("to"), values.GetValueOrDefault("group"));
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Status(JsonObject answer) => answer.Row("country", "IE")["disputed"]!.GetValue<int>() > 0 ? "disputed" : "agreed";

    private static string Rows(IEnumerable<StatsRow> rows) =>
        string.Join("\n", rows.Select(r => JsonSerializer.Serialize(r, IncidentJson.Options)));
}
