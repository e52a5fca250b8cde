using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Samples;

/// <summary>The five transcribed reports posted over HTTP, checked against what their texts say.</summary>
public sealed class SeedScenarioTests(ExamplesApiHost host) : IClassFixture<ExamplesApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Carcassonne_killed_is_4_agreed_with_the_at_least_3_of_the_Long_War_Journal()
    {
        var killed = (await CarcassonneAsync())["casualties"]!["killed"]!;

        Assert.Equal(4, (int)killed["low"]!);
        Assert.Equal(4, (int)killed["best"]!);
        Assert.Equal(4, (int)killed["high"]!);
        Assert.Equal("agreed", (string?)killed["status"]);
        var reports = killed["reports"]!.AsArray();
        Assert.Equal(4, reports.Count);
        var lwj = Assert.Single(reports, r => (string?)r!["source"] == "Long War Journal")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"atLeast":3}"""), lwj["value"]), lwj["value"]?.ToJsonString());
        Assert.Equal("B", (string?)lwj["reliability"]);
        Assert.All(reports.Where(r => r != lwj), r => Assert.Equal(4, (int)r!["value"]!));
    }

    [Fact]
    public async Task Carcassonne_wounded_is_disputed_between_15_and_16_and_the_latest_graded_report_gives_the_best()
    {
        var wounded = (await CarcassonneAsync())["casualties"]!["wounded"]!;

        Assert.Equal(15, (int)wounded["low"]!);
        Assert.Equal(16, (int)wounded["high"]!);
        Assert.Equal("disputed", (string?)wounded["status"]);
        Assert.Equal(15, (int)wounded["best"]!);
        Assert.Equal(
            ["Meir Amit Intelligence and Terrorism Information Center (ITIC)", "World Socialist Web Site", "Encyclopedia-style summary (unattributed)"],
            wounded["reports"]!.AsArray().Select(r => (string?)r!["source"]));
        Assert.Equal([15, 16, 15], wounded["reports"]!.AsArray().Select(r => (int)r!["value"]!));
    }

    [Fact]
    public async Task The_officer_is_killed_and_his_statuses_list_the_latest_first()
    {
        var people = (await CarcassonneAsync())["people"]!.AsArray();

        var officer = Assert.Single(people, p => (string?)p!["key"] == "arnaud-beltrame")!;
        Assert.Equal("Arnaud Beltrame", (string?)officer["name"]);
        Assert.Equal("killed", (string?)officer["status"]);
        Assert.Equal(["killed", "wounded"], officer["statuses"]!.AsArray().Select(s => (string?)s!["value"]));
        Assert.Equal(["Long War Journal"], officer["statuses"]![1]!["sources"]!.AsArray().Select(s => (string?)s!["source"]));
        Assert.Equal(2, officer["statuses"]![0]!["sources"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_Islamic_State_claimed_the_attack_through_the_Amaq_News_Agency()
    {
        var claims = (await CarcassonneAsync())["claims"]!.AsArray();

        // One claim with its date: the World Socialist Web Site gives no date, and says nothing else.
        var claim = Assert.Single(claims)!;
        Assert.Equal(("Islamic State", "Amaq News Agency", "2018-03-23"), ((string?)claim["value"]!["claimant"], (string?)claim["value"]!["channel"], (string?)claim["value"]!["claimedAt"]));
        Assert.Equal(
            ["Long War Journal", "Meir Amit Intelligence and Terrorism Information Center (ITIC)", "World Socialist Web Site"],
            claim["sources"]!.AsArray().Select(s => (string?)s!["source"]));
    }

    [Fact]
    public async Task The_perpetrator_profile_gathers_what_every_report_says_of_him()
    {
        var perpetrators = (await CarcassonneAsync())["perpetrators"]!.AsArray();

        var lakdim = Assert.Single(perpetrators, p => (string?)p!["key"] == "redouane-lakdim")!;
        Assert.Equal("Redouane Lakdim", (string?)lakdim["name"]);
        Assert.True((bool)lakdim["conflicting"]!);
        var attributes = lakdim["attributes"]!;
        Assert.False((bool)attributes["age"]!["conflicting"]!);
        Assert.Equal([25], attributes["age"]!["values"]!.AsArray().Select(v => (int)v!["value"]!));
        // Two wordings of one nationality, and a residence one report gives in more detail: no conflict.
        Assert.False((bool)attributes["nationality"]!["conflicting"]!);
        Assert.Equal(
            ["Moroccan Frenchman", "French Moroccan"],
            attributes["nationality"]!["values"]!.AsArray().Select(v => (string?)v!["value"]));
        Assert.False((bool)attributes["residence"]!["conflicting"]!);
        Assert.True((bool)attributes["affiliation"]!["conflicting"]!);
        Assert.Equal(["Morocco"], attributes["birthplace"]!["values"]!.AsArray().Select(v => (string?)v!["value"]));
        Assert.Equal(["killed"], attributes["status"]!["values"]!.AsArray().Select(v => (string?)v!["value"]));
    }

    [Fact]
    public async Task Carcassonne_counts_four_reports_from_four_graded_sources()
    {
        var view = await CarcassonneAsync();

        Assert.Equal(4, (int)view["reportCount"]!);
        var sources = view["sources"]!.AsArray();
        Assert.Equal(4, sources.Count);
        Assert.Equal("B", (string?)Assert.Single(sources, s => (string?)s!["name"] == "Long War Journal")!["reliability"]);
        Assert.Equal("C", (string?)Assert.Single(sources, s => (string?)s!["name"] == "World Socialist Web Site")!["reliability"]);
    }

    [Fact]
    public async Task Carcassonne_timeline_opens_with_the_one_timed_entry_the_first_act_of_the_day()
    {
        var timeline = (await CarcassonneAsync())["timeline"]!.AsArray().Select(t => (string)t!["at"]!).ToList();

        Assert.True(timeline.Count > 10);
        Assert.Equal("2018-03-23T10:00+01:00", timeline[0]);
        Assert.All(timeline.Skip(1), at => Assert.Equal("2018-03-23", at));
    }

    [Fact]
    public async Task Marseille_2017_has_the_facts_of_both_its_reports()
    {
        var ids = await host.IncidentsAsync();

        var view = await _client.GetJsonAsync($"/api/incidents/{ids["marseille-2017-10-01"]}");

        Assert.Equal(2, (int)view["reportCount"]!);
        var killed = view["casualties"]!["killed"]!;
        Assert.Equal(2, (int)killed["best"]!);
        Assert.Equal("agreed", (string?)killed["status"]);
        Assert.Equal(1, (int)view["casualties"]!["perpetratorsKilled"]!["best"]!);
        Assert.Equal(2, view["people"]!.AsArray().Count(p => (string?)p!["status"] == "killed"));
        var claim = Assert.Single(view["claims"]!.AsArray())!;
        Assert.Equal("Islamic State", (string?)claim["value"]!["claimant"]);
        Assert.Equal(2, claim["sources"]!.AsArray().Count);
        var weapon = Assert.Single(view["weapons"]!.AsArray())!;
        Assert.Equal("melee", (string?)weapon["value"]!["weaponType"]);
        var attacker = Assert.Single(view["perpetrators"]!.AsArray())!;
        Assert.Equal("Tunisian", (string?)attacker["attributes"]!["nationality"]!["values"]![0]!["value"]);
    }

    [Fact]
    public async Task Paris_2015_gathers_its_reports_from_the_four_sources_that_mention_it()
    {
        var ids = await host.IncidentsAsync();

        var view = await _client.GetJsonAsync($"/api/incidents/{ids["paris-2015-11-13"]}");

        Assert.Equal(4, (int)view["reportCount"]!);
        var lwj = Assert.Single(view["casualties"]!["killed"]!["reports"]!.AsArray(), r => (string?)r!["source"] == "Long War Journal")!;
        Assert.Equal(130, (int)lwj["value"]!);
        var abdeslam = Assert.Single(view["perpetrators"]!.AsArray(), p => (string?)p!["key"] == "salah-abdeslam")!;
        Assert.Equal("Salah Abdeslam", (string?)abdeslam["name"]);
    }

    private async Task<JsonObject> CarcassonneAsync()
    {
        var ids = await host.IncidentsAsync();
        return await _client.GetJsonAsync($"/api/incidents/{ids["carcassonne-trebes-2018"]}");
    }
}
