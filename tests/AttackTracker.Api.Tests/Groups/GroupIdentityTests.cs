using System.Net;
using AttackTracker.Api.Tests.Statistics;

namespace AttackTracker.Api.Tests.Groups;

/// <summary>
/// One identity per group (issue 23, docs/identity.md, Groups): aliases, merges and splits move the
/// statistics by group, the group filter and the list of groups, from the decision's recorded time
/// on. Each test uses names and a country of its own: a name belongs to one group per schema.
/// </summary>
public sealed class GroupIdentityTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task ISIS_ISIL_and_Islamic_State_count_as_one_group_once_aliased_and_merged_and_not_as_recorded_before()
    {
        await _client.ClaimedAsync("IQ", "2014-06-10", "ISIS");
        await _client.ClaimedAsync("IQ", "2015-05-17", "ISIL");
        await _client.ClaimedAsync("IQ", "2016-07-03", "Islamic State");
        var (_, before) = await _client.ClaimedAsync("IQ", "2017-01-01", "ISIS", "Islamic State");
        var apart = await _client.CaughtUpAsync("/api/stats?groupBy=group&country=IQ");
        Assert.Equal([("isil", "ISIL", 1), ("isis", "ISIS", 2), ("islamic-state", "Islamic State", 2)], apart.GroupRows());

        var identified = await _client.PostGroupAsync("/api/groups", new { name = "Islamic State", aliases = GroupSupport.Names("ISIS"), reason = "One group, two spellings." });
        Assert.Equal(HttpStatusCode.Created, identified.StatusCode);
        Assert.Equal("/api/groups/islamic-state", identified.Headers.Location!.ToString());
        Assert.Equal("\"1\"", identified.Headers.ETag!.Tag);
        await _client.RecordAsync("/api/groups", new { name = "ISIL", reason = "The acronym GTD uses." });
        var merged = await _client.RecordAsync("/api/groups/isis/merges", new { absorbed = "ISIL", reason = "ISIL is the Islamic State." }, ifMatch: 1);
        Assert.Equal(("islamic-state", 2L), ((string)merged["slug"]!, (long)merged["version"]!));

        var now = await _client.CaughtUpAsync("/api/stats?groupBy=group&country=IQ");
        Assert.Equal([("islamic-state", "Islamic State", 4)], now.GroupRows());
        var filtered = await _client.CaughtUpAsync("/api/stats?groupBy=country&country=IQ&group=ISIL");
        Assert.Equal(4, (int)filtered.Row("country", "IQ")["incidents"]!);
        var listed = (await _client.CaughtUpAsync("/api/groups?country=IQ"))["items"]!.AsArray().Single()!;
        Assert.Equal(("islamic-state", "Islamic State", 4, 4), ((string)listed["slug"]!, (string)listed["name"]!, (int)listed["incidents"]!, (int)listed["claimed"]!));
        Assert.Equal(["ISIL", "ISIS"], listed["aliases"]!.AsArray().Select(a => (string)a!));
        var then = await _client.GetJsonAsync($"/api/stats?groupBy=group&country=IQ&recordedAsOf={before}");
        Assert.Equal([("isil", "ISIL", 1), ("isis", "ISIS", 2), ("islamic-state", "Islamic State", 2)], then.GroupRows());
        var both = await _client.GetJsonAsync("/api/stats?groupBy=group&country=IQ&asOf=2100-01-01&recordedAsOf=2100-01-01");
        Assert.Equal([("islamic-state", "Islamic State", 4)], both.GroupRows());

        var byAlias = await _client.GetAsync(new Uri("/api/groups/ISIL", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, byAlias.StatusCode);
        Assert.Equal("</api/groups/islamic-state>; rel=\"canonical\"", byAlias.Headers.GetValues("Link").Single());
        var profile = await byAlias.ReadJsonAsync();
        Assert.Equal(("islamic-state", "Islamic State", 4), ((string)profile["profile"]!["slug"]!, (string)profile["profile"]!["name"]!, (int)profile["total"]!));
        var history = await _client.GetJsonAsync("/api/groups/isil/history");
        Assert.Equal(
            [("group_identified", ApiHost.EditorName, "One group, two spellings."), ("group_merged", ApiHost.EditorName, "ISIL is the Islamic State.")],
            history["items"]!.AsArray().Select(i => ((string)i!["type"]!, (string)i["recordedBy"]!, (string)i["reason"]!)));
    }

    [Fact]
    public async Task A_split_moves_the_names_split_off_back_into_a_group_of_their_own_from_its_recorded_time()
    {
        await _client.ClaimedAsync("SY", "2013-02-01", "Jabhat al-Nusra");
        await _client.ClaimedAsync("SY", "2014-03-01", "Nusra Front");
        await _client.ClaimedAsync("SY", "2018-04-01", "Hayat Tahrir al-Sham");
        await _client.CaughtUpAsync("/api/stats?groupBy=group&country=SY");
        var identified = await _client.RecordAsync("/api/groups", new { name = "Hayat Tahrir al-Sham", aliases = GroupSupport.Names("Jabhat al-Nusra", "Nusra Front"), reason = "Renamed twice." });
        var one = await _client.GetJsonAsync("/api/stats?groupBy=group&country=SY");
        Assert.Equal([("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", 3)], one.GroupRows());
        var whileOne = GroupSupport.Instant((await _client.GetJsonAsync("/api/groups/nusra-front/history"))["items"]![0]!["recordedAt"]!);

        var split = await _client.RecordAsync("/api/groups/hayat-tahrir-al-sham/splits", new { name = "Jabhat al-Nusra", aliases = GroupSupport.Names("Nusra Front"), reason = "Before 2017 it was another organisation." }, ifMatch: (long)identified["version"]!);

        Assert.Equal(("jabhat-al-nusra", 1L, 2L), ((string)split["slug"]!, (long)split["version"]!, (long)split["otherVersion"]!));
        var two = await _client.GetJsonAsync("/api/stats?groupBy=group&country=SY");
        Assert.Equal([("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", 1), ("jabhat-al-nusra", "Jabhat al-Nusra", 2)], two.GroupRows());
        Assert.Equal([("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham", 3)], (await _client.GetJsonAsync($"/api/stats?groupBy=group&country=SY&recordedAsOf={whileOne}")).GroupRows());
        Assert.Equal(
            ["group_split_off"],
            (await _client.GetJsonAsync("/api/groups/nusra-front/history"))["items"]!.AsArray().Select(i => (string)i!["type"]!));
        Assert.Equal(
            ["group_identified", "group_split"],
            (await _client.GetJsonAsync("/api/groups/hayat-tahrir-al-sham/history"))["items"]!.AsArray().Select(i => (string)i!["type"]!));
    }

    [Fact]
    public async Task Each_refusal_is_a_problem_naming_the_reason_and_writes_nothing()
    {
        await _client.RecordAsync("/api/groups", new { name = "Abu Sayyaf Group", aliases = GroupSupport.Names("ASG"), reason = "RAND and ACLED spell it so." });
        await _client.RecordAsync("/api/groups", new { name = "Moro National Liberation Front", aliases = GroupSupport.Names("MNLF"), reason = "Another group." });
        var reader = host.CreateClient(await host.CreateKeyAsync("group-reader", AttackTracker.Api.Keys.Roles.Reader));
        var before = (await host.CountWritesAsync(), await host.CountAsync("group_names"));

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostGroupAsync("/api/groups", new { name = "Abu Sayyaf", reason = "A reader may not." })).StatusCode);
        await ProblemAssert.IsValidationProblemAsync(await _client.PostGroupAsync("/api/groups", new { aliases = GroupSupport.Names("X"), reason = "No name." }), "name");
        await ProblemAssert.IsValidationProblemAsync(await _client.PostGroupAsync("/api/groups", new { name = "Abu Sayyaf" }), "reason");
        await ProblemAssert.IsValidationProblemAsync(await _client.PostGroupAsync("/api/groups/asg/aliases", new { alias = "!!!", reason = "No letters." }), "alias");
        await ProblemAssert.IsValidationProblemAsync(await _client.PostGroupAsync("/api/groups/asg/merges", new { reason = "Nothing named." }), "absorbed");
        Assert.Contains("Abu Sayyaf Group", await ConflictAsync(await _client.PostGroupAsync("/api/groups", new { name = "Abu Sayyaf", aliases = GroupSupport.Names("ASG"), reason = "Taken." })), StringComparison.Ordinal);
        Assert.Contains("Moro National Liberation Front", await ConflictAsync(await _client.PostGroupAsync("/api/groups/asg/aliases", new { alias = "MNLF", reason = "Taken." })), StringComparison.Ordinal);
        Assert.Contains("not merged into itself", await ConflictAsync(await _client.PostGroupAsync("/api/groups/abu-sayyaf-group/merges", new { absorbed = "ASG", reason = "Itself." })), StringComparison.Ordinal);
        Assert.Contains("no name", await ConflictAsync(await _client.PostGroupAsync("/api/groups/asg/splits", new { name = "Abu Sayyaf Group", aliases = GroupSupport.Names("ASG"), reason = "Would take its name." })), StringComparison.Ordinal);
        Assert.Contains("canonical name", await ConflictAsync(await _client.PostGroupAsync("/api/groups/asg/alias-removals", new { alias = "Abu Sayyaf Group", reason = "Its own name." })), StringComparison.Ordinal);
        Assert.Contains("not an alias", await ConflictAsync(await _client.PostGroupAsync("/api/groups/asg/alias-removals", new { alias = "MNLF", reason = "Not its alias." })), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await _client.PostGroupAsync("/api/groups/nobody-holds-this/aliases", new { alias = "Someone", reason = "Unknown." }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _client.PostGroupAsync("/api/groups/asg/merges", new { absorbed = "Nobody Holds This", reason = "Unknown." }), HttpStatusCode.NotFound);
        var stale = await _client.PostGroupAsync("/api/groups/asg/aliases", new { alias = "Abu Sayyaf", reason = "Stale." }, ifMatch: 7);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"1\"", stale.Headers.ETag!.Tag);

        Assert.Equal(before, (await host.CountWritesAsync(), await host.CountAsync("group_names")));
    }

    private static async Task<string> ConflictAsync(HttpResponseMessage response) =>
        (string)(await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict))["detail"]!;
}
