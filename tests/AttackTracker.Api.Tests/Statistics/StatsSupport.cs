using System.Text.Json.Nodes;
using static AttackTracker.Api.Tests.HttpExtensions;

namespace AttackTracker.Api.Tests.Statistics;

public static class StatsSupport
{
    public static object Opening(string country, string occurredOn, string title = "Attack") => new { title, occurredOn, country, place = "Somewhere" };

    public static object Claim(string claimant, string? channel = null) => new { type = "claim", claimant, channel };

    public static object Perpetrator(string key, string affiliation) => new { type = "perpetrator", key, affiliation };

    public static object AttackTypes(params string[] attackTypes) => new { type = "attackType", attackTypes };

    public static object Weapon(string weaponType) => new { type = "weapon", weaponType };

    public static object Casualties(object killed, object wounded) => new { type = "casualties", killed, wounded };

    /// <summary>
    /// Reads GET <paramref name="url"/> until the statistics projection has folded in every event
    /// the store had when the wait began (the answer's progress says so), and returns that answer.
    /// </summary>
    public static async Task<JsonObject> CaughtUpAsync(this HttpClient client, string url)
    {
        var first = await client.GetJsonAsync(url);
        var target = (long)first["progress"]!["storeLastSequence"]!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var answer = first;
        while ((long)answer["progress"]!["lastSequence"]! < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The statistics did not catch up with sequence {target}: {answer["progress"]!.ToJsonString()}");
            await Task.Delay(100);
            answer = await client.GetJsonAsync(url);
        }

        return answer;
    }

    /// <summary>The row whose key field <paramref name="field"/> is <paramref name="value"/> (null: the unknown row).</summary>
    public static JsonObject Row(this JsonObject answer, string field, object? value) =>
        answer["rows"]!.AsArray().Select(r => r!.AsObject()).Single(r => Equals(r["key"]![field]?.ToString(), value?.ToString()));

    /// <summary>The rows as JSON without their lastSequence, which an answer as of a date does not have: to compare it with the projection's.</summary>
    public static string RowsWithoutSequence(this JsonObject answer) =>
        string.Join("\n", answer["rows"]!.AsArray().Select(r =>
        {
            var row = r!.DeepClone().AsObject();
            row.Remove("lastSequence");
            return row.ToJsonString();
        }));

    public static (long Low, long Best, long? High) Sums(this JsonObject row, string figure) =>
        ((long)row[figure]!["low"]!, (long)row[figure]!["best"]!, (long?)row[figure]!["high"]);

    /// <summary>Three incidents in <paramref name="country"/> (and one in <paramref name="other"/>) with claims, attributions, types and figures that agree, conflict or are open-ended.</summary>
    public static async Task<(Guid A, Guid B, Guid C, Guid D)> SeedAsync(HttpClient client, string country, string other)
    {
        var a = await client.OpenIncidentAsync(Opening(country, "2015-11-13", "Night attacks"));
        await client.PostReportOkAsync(a, Report("Wire One", "2015-11-14", Casualties(130, 413), Claim("Islamic State", "Amaq News Agency"), AttackTypes("bombing-explosion", "armed-assault"), Weapon("firearms")));
        await client.PostReportOkAsync(a, Report("Wire Two", "2015-11-20", Casualties(130, 413)));

        var b = await client.OpenIncidentAsync(Opening(country, "2018-03-23", "Supermarket siege"));
        await client.PostReportOkAsync(b, Report("Wire One", "2018-03-23", Casualties(new { atLeast = 3 }, 15), Claim("islamic  state", "Amaq"), AttackTypes("hostage-taking-barricade"), Weapon("firearms")));
        await client.PostReportOkAsync(b, Report("Wire Two", "2018-03-30", Casualties(4, 16)));

        var c = await client.OpenIncidentAsync(Opening(country, "2018-05-12", "Knife attack"));
        await client.PostReportOkAsync(c, Report("Wire One", "2018-05-13", Casualties(1, 4), Perpetrator("attacker", "Islamic State (per the prosecutor)"), AttackTypes("armed-assault"), Weapon("melee")));

        var d = await client.OpenIncidentAsync(Opening(other, "2016-06-12", "Nightclub shooting"));
        await client.PostReportOkAsync(d, Report("Wire Three", "2016-06-12", Casualties(49, 53), Perpetrator("gunman", "Islamic State"), Weapon("firearms")));
        return (a, b, c, d);
    }
}
