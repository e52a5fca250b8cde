using AttackTracker.Api.Tests.Statistics;

namespace AttackTracker.Api.Tests.Groups;

/// <summary>GET /api/groups/suggestions (docs/identity.md, Groups): alias pairs from the names seen in claims and attributions.</summary>
public sealed class AliasSuggestionTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Suggestions_find_the_acronym_in_brackets_and_the_initials_and_not_unrelated_names_nor_names_already_one_group()
    {
        await _client.ClaimedAsync("IQ", "2015-01-01", "Islamic State of Iraq and the Levant (ISIL)");
        await _client.ClaimedAsync("IQ", "2015-02-01", "ISIL");
        await _client.ClaimedAsync("SY", "2015-03-01", "Islamic State of Iraq and Syria");
        await _client.ClaimedAsync("SY", "2015-04-01", "ISIS");
        await _client.ClaimedAsync("NG", "2015-05-01", "Boko Haram");
        await _client.ClaimedAsync("PE", "2015-06-01", "Shining Path");
        await _client.CaughtUpAsync("/api/stats?groupBy=group");

        var suggested = await SuggestedAsync();

        Assert.Contains(("ISIL", "Islamic State of Iraq and the Levant (ISIL)"), suggested.Keys);
        Assert.Contains("acronym-in-brackets", suggested[("ISIL", "Islamic State of Iraq and the Levant (ISIL)")]);
        Assert.Contains("initials", suggested[("ISIS", "Islamic State of Iraq and Syria")]);
        Assert.DoesNotContain(suggested.Keys, p => p.Item1 is "Boko Haram" or "Shining Path" || p.Item2 is "Boko Haram" or "Shining Path");

        await _client.RecordAsync("/api/groups", new { name = "Islamic State of Iraq and the Levant", aliases = GroupSupport.Names("ISIL"), reason = "Suggested: acronym in brackets." });

        var after = await SuggestedAsync();
        Assert.DoesNotContain(("ISIL", "Islamic State of Iraq and the Levant (ISIL)"), after.Keys);
        Assert.Contains(("ISIS", "Islamic State of Iraq and Syria"), after.Keys);
    }

    [Fact]
    public async Task A_bad_page_is_a_400_naming_it_and_an_unknown_parameter_too()
    {
        await ProblemAssert.IsValidationProblemAsync(await _client.GetAsync(new Uri("/api/groups/suggestions?page=0", UriKind.Relative)), "page");
        await ProblemAssert.IsValidationProblemAsync(await _client.GetAsync(new Uri("/api/groups/suggestions?country=FR", UriKind.Relative)), "country");
    }

    private async Task<Dictionary<(string, string), List<string>>> SuggestedAsync() =>
        (await _client.GetJsonAsync("/api/groups/suggestions?pageSize=100"))["items"]!.AsArray()
            .ToDictionary(i => ((string)i!["name"]!, (string)i["other"]!), i => i!["signals"]!.AsArray().Select(s => (string)s!).ToList());
}
