using System.Globalization;
using System.Text.Json;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.Tests.Statistics;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace AttackTracker.Api.Tests.Groups;

/// <summary>
/// The statistics by group resolve through group identity on both axes exactly as the oracle
/// (<see cref="StatsOracle"/>, the fold of every incident's view) does: every answer by group and
/// filtered by a group name, at every decision's recorded time and a microsecond either side.
/// </summary>
public sealed class GroupAxesTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly string[] Filters = ["", "&group=ISIL", "&group=isis", "&group=Jabhat%20al-Nusra", "&group=hts"];

    [Fact]
    public async Task Every_answer_by_group_on_either_axis_equals_the_oracles_before_and_after_each_alias_merge_and_split()
    {
        var client = host.CreateClient();
        await client.ClaimedAsync("IQ", "2014-06-10", "ISIS");
        await client.ClaimedAsync("IQ", "2015-05-17", "ISIL", "Islamic State");
        await client.ClaimedAsync("SY", "2016-07-03", "Islamic State", "ISIS");
        await client.ClaimedAsync("SY", "2013-02-01", "Jabhat al-Nusra", "HTS");
        await client.ClaimedAsync("SY", "2018-02-01", "Hayat Tahrir al-Sham");
        await client.CaughtUpAsync("/api/stats?groupBy=group");
        var points = new List<DateTimeOffset>();
        async Task DecideAsync(string url, object body)
        {
            var slug = (string)(await client.RecordAsync(url, body))["slug"]!;
            var history = await client.GetJsonAsync($"/api/groups/{slug}/history");
            points.Add(DateTimeOffset.Parse((string)history["items"]!.AsArray()[^1]!["recordedAt"]!, CultureInfo.InvariantCulture));
        }

        await DecideAsync("/api/groups", new { name = "Islamic State", aliases = GroupSupport.Names("ISIS"), reason = "One." });
        await DecideAsync("/api/groups", new { name = "ISIL", reason = "Two." });
        await DecideAsync("/api/groups/islamic-state/merges", new { absorbed = "ISIL", reason = "Three." });
        await DecideAsync("/api/groups", new { name = "Hayat Tahrir al-Sham", aliases = GroupSupport.Names("HTS", "Jabhat al-Nusra"), reason = "Four." });
        await DecideAsync("/api/groups/hts/splits", new { name = "Jabhat al-Nusra", aliases = GroupSupport.Names("Jabhat al-Nusra"), reason = "Five." });
        await DecideAsync("/api/groups/islamic-state/alias-removals", new { alias = "ISIS", reason = "Six." });
        var oracle = host.Services.GetRequiredService<StatsOracle>();

        var compared = 0;
        foreach (var point in points.SelectMany(p => new[] { p.AddTicks(-10), p, p.AddTicks(10) }).Append(DateTimeOffset.UtcNow.AddDays(1)))
        {
            foreach (var (axis, asOf, recordedAsOf) in new[] { ("recordedAsOf", (DateTimeOffset?)null, (DateTimeOffset?)point), ("asOf", point, null) })
            {
                foreach (var filter in Filters)
                {
                    var url = $"/api/stats?groupBy=group&{axis}={Uri.EscapeDataString(point.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}{filter}&pageSize=100";
                    var answer = await client.GetJsonAsync(url);
                    var group = filter.Length == 0 ? null : GroupNames.Slug(Uri.UnescapeDataString(filter[7..]));
                    var expected = await oracle.RowsAsync(new StatsQuery(StatsDimension.Group, new StatsFilter(null, null, null, group), StatsSort.Key, 1, 100, asOf, recordedAsOf), CancellationToken.None);
                    var rows = string.Join("\n", expected.Select(r => JsonSerializer.Serialize(r, IncidentJson.Options)));
                    Assert.True(rows == answer.RowsWithoutSequence(), $"{url}\nexpected {rows}\ngot      {answer.RowsWithoutSequence()}");
                    compared++;
                }
            }
        }

        Assert.Equal(19 * 2 * Filters.Length, compared);
        Assert.Equal(
            [("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", 2), ("isis", "ISIS", 2), ("islamic-state", "Islamic State", 2), ("jabhat-al-nusra", "Jabhat al-Nusra", 1)],
            (await client.GetJsonAsync("/api/stats?groupBy=group")).GroupRows());
    }
}
