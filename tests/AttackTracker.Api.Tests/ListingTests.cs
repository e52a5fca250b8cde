using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests;

/// <summary>Every test names its incidents with a token of its own and searches for it, so the listings see only its rows.</summary>
public sealed class ListingTests(ApiHost factory) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = factory.CreateClient();
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
    public async Task Paginates_newest_first_with_the_total()
    {
        var oldest = await OpenAsync("Oldest", "2015-01-07", "FR");
        var newest = await OpenAsync("Newest", "2018-03-23", "FR");
        var middle = await OpenAsync("Middle", "2016-07-14", "FR");

        var first = await ListAsync($"q={_token}&page=1&pageSize=2");
        var second = await ListAsync($"q={_token}&page=2&pageSize=2");
        var beyond = await ListAsync($"q={_token}&page=3&pageSize=2");

        Assert.Equal([newest, middle], Ids(first));
        Assert.Equal([oldest], Ids(second));
        Assert.Empty(Ids(beyond));
        Assert.All([first, second, beyond], p => Assert.Equal(3, (long)p["total"]!));
        Assert.Equal(2, (int)second["page"]!);
        Assert.Equal(2, (int)second["pageSize"]!);
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
    [InlineData("page=0", "page")]
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
