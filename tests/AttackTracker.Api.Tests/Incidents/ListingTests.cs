using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Incidents;

/// <summary>Every test names its incidents with a token of its own and searches for it, so the listings see only its rows.</summary>
public sealed class ListingTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();
    private readonly string _token = "tok" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Filters_by_country()
    {
        var paris = await OpenAsync("Paris", "2015-11-13", "FR");
        await OpenAsync("Berlin", "2016-12-19", "DE");
        var nice = await OpenAsync("Nice", "2016-07-14", "FR");

        var page = await ListAsync($"country=FR&q={_token}");

        Assert.Equal([nice, paris], Ids(page));
        Assert.All(page["items"]!.AsArray(), i => Assert.Equal("FR", (string?)i!["country"]));
        Assert.Equal(2, (long)page["total"]!);
    }

    [Fact]
    public async Task Filters_by_a_date_range_including_both_ends()
    {
        await OpenAsync("Before", "2015-12-31", "FR");
        var first = await OpenAsync("First day", "2016-01-01", "FR");
        var middle = await OpenAsync("Middle", "2017-06-15", "FR");
        var last = await OpenAsync("Last day", "2018-03-23", "FR");
        await OpenAsync("After", "2018-03-24", "FR");

        var page = await ListAsync($"from=2016-01-01&to=2018-03-23&q={_token}");

        Assert.Equal([last, middle, first], Ids(page));
        Assert.Equal(3, (long)page["total"]!);
    }

    [Theory]
    [InlineData("trebes")]
    [InlineData("TREBES")]
    [InlineData("Trèbes")]
    [InlineData("trèbes")]
    public async Task Finds_a_title_whatever_its_accents_and_case(string query)
    {
        var trebes = await OpenAsync("Prise d'otages à Trèbes", "2018-03-23", "FR");
        await OpenAsync("Prise d'otages à Carcassonne", "2018-03-23", "FR");

        var page = await ListAsync($"q={Uri.EscapeDataString($"{query} {_token}")}");

        Assert.Equal([trebes], Ids(page));
        Assert.Equal("Prise d'otages à Trèbes " + _token, (string?)page["items"]![0]!["title"]);
    }

    [Fact]
    public async Task Treats_like_wildcards_in_q_as_text()
    {
        await OpenAsync("Wildcards", "2018-03-23", "FR");

        var percent = await ListAsync($"q={Uri.EscapeDataString("wildcards%" + _token)}");
        var underscore = await ListAsync($"q={Uri.EscapeDataString("wildcards_" + _token)}");
        var plain = await ListAsync($"q={Uri.EscapeDataString("wildcards " + _token)}");

        Assert.Equal(0, (long)percent["total"]!);
        Assert.Equal(0, (long)underscore["total"]!);
        Assert.Equal(1, (long)plain["total"]!);
    }

    [Fact]
    public async Task Pages_newest_first_by_cursor_forward_and_back_with_the_total()
    {
        var oldest = await OpenAsync("Oldest", "2015-01-07", "FR");
        var newest = await OpenAsync("Newest", "2018-03-23", "FR");
        var middle = await OpenAsync("Middle", "2016-07-14", "FR");
        var sameDay = await OpenAsync("Same day", "2016-07-14", "FR");

        var first = await ListAsync($"q={_token}&pageSize=2");
        var second = await ListAsync($"q={_token}&pageSize=2&cursor={(string?)first["next"]}");
        var back = await ListAsync($"q={_token}&pageSize=2&cursor={(string?)second["previous"]}");

        var sameDayFirst = middle.CompareTo(sameDay) < 0 ? sameDay : middle;
        Assert.Equal([newest, sameDayFirst], Ids(first));
        Assert.Equal([sameDayFirst == middle ? sameDay : middle, oldest], Ids(second));
        Assert.Equal(Ids(first), Ids(back));
        Assert.Null(first["previous"]);
        Assert.Null(second["next"]);
        Assert.Null(back["previous"]);
        Assert.All([first, second, back], p => Assert.Equal(4, (long)p["total"]!));
        Assert.Equal(2, (int)second["pageSize"]!);
    }

    [Fact]
    public async Task Sorts_by_toll_with_the_unreported_last_and_pages_through_it()
    {
        var few = await OpenAsync("Few", "2017-01-01", "FR");
        await _client.SubmitReportAsync(few, ReportBodies.Report("""[{ "type": "casualties", "killed": 2 }]"""));
        var many = await OpenAsync("Many", "2015-01-01", "FR");
        await _client.SubmitReportAsync(many, ReportBodies.Report("""[{ "type": "casualties", "killed": 40 }]"""));
        var unknown = await OpenAsync("Unknown", "2019-01-01", "FR");

        var first = await ListAsync($"q={_token}&sort=toll&pageSize=2");
        var rest = await ListAsync($"q={_token}&sort=toll&pageSize=2&cursor={(string?)first["next"]}");
        var mixed = await _client.GetAsync($"/api/incidents?q={_token}&pageSize=2&cursor={(string?)first["next"]}");

        Assert.Equal([many, few], Ids(first));
        Assert.Equal([unknown], Ids(rest));
        await ProblemAssert.IsValidationProblemAsync(mixed, "cursor");
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("source")]
    public async Task Searches_the_summary_and_the_sources_names_too(string where)
    {
        var id = await _client.OpenIncidentAsync(new { title = $"Quiet title {_token}", occurredOn = "2019-04-01", country = "FR", place = "Somewhere", summary = $"A van drove into the Café Élysée crowd, {where}{_token}." });
        await _client.SubmitReportAsync(id, ReportBodies.Note("Noted.", source: $"Agence Méridionale {where}{_token}"));
        await OpenAsync("Unrelated", "2019-04-02", "FR");

        var page = await ListAsync($"q={Uri.EscapeDataString(where == "summary" ? $"cafe elysee crowd, {where}{_token}" : $"AGENCE MERIDIONALE {where}{_token}")}");

        Assert.Equal([id], Ids(page));
    }

    [Fact]
    public async Task A_summary_carries_the_best_figures_and_the_report_count()
    {
        var incidentId = await OpenAsync("With casualties", "2018-03-23", "FR");
        await _client.SubmitReportAsync(incidentId, ReportBodies.Report("""[{ "type": "casualties", "killed": 4, "wounded": 15 }]"""));

        var item = Assert.Single((await ListAsync($"q={_token}"))["items"]!.AsArray())!;

        Assert.Equal(incidentId, item["id"]!.GetValue<Guid>());
        Assert.Equal("2018-03-23", (string?)item["occurredOn"]);
        Assert.Equal(4, (int?)item["killedBest"]);
        Assert.Equal(15, (int?)item["woundedBest"]);
        Assert.Equal(1, (int)item["reportCount"]!);
        Assert.Equal(3, (long)item["version"]!);
    }

    [Theory]
    [InlineData("country=France", "country")]
    [InlineData("country=fr", "country")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2018-13-01", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=2", "page")]
    [InlineData("sort=deaths", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("recordedAsOf=2020-01-01", "recordedAsOf")]
    [InlineData("country=FR&country=DE", "country")]
    public async Task Rejects_a_bad_parameter_naming_it(string query, string field)
    {
        var response = await _client.GetAsync($"/api/incidents?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    private async Task<Guid> OpenAsync(string title, string occurredOn, string country) =>
        await _client.OpenIncidentAsync(new { title = $"{title} {_token}", occurredOn, country, place = "Somewhere" });

    private Task<JsonObject> ListAsync(string query) => _client.GetJsonAsync($"/api/incidents?{query}");

    private static List<Guid> Ids(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];
}
