using AttackTracker.Api.Incidents;

namespace AttackTracker.Api.Tests.Incidents;

/// <summary>Every test names its incidents with a token of its own and searches for it, so the listings see only its rows.</summary>
public sealed class ListingTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly string _token = "tok" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Filters_by_country()
    {
        var paris = await OpenAsync("Paris", "2015-11-13", "FR");
        await OpenAsync("Berlin", "2016-12-19", "DE");
        var nice = await OpenAsync("Nice", "2016-07-14", "FR");

        var page = await ListAsync($"country=FR&q={_token}");

        Assert.Equal([nice, paris], Ids(page));
        Assert.All(page.Items, i => Assert.Equal("FR", i.Country));
        Assert.Equal(2, page.Total);
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
        Assert.Equal(3, page.Total);
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
        Assert.Equal("Prise d'otages à Trèbes " + _token, page.Items[0].Title);
    }

    [Fact]
    public async Task Treats_like_wildcards_in_q_as_text()
    {
        await OpenAsync("Wildcards", "2018-03-23", "FR");

        var percent = await ListAsync($"q={Uri.EscapeDataString("wildcards%" + _token)}");
        var underscore = await ListAsync($"q={Uri.EscapeDataString("wildcards_" + _token)}");
        var plain = await ListAsync($"q={Uri.EscapeDataString("wildcards " + _token)}");

        Assert.Equal(0, percent.Total);
        Assert.Equal(0, underscore.Total);
        Assert.Equal(1, plain.Total);
    }

    [Fact]
    public async Task Pages_newest_first_by_cursor_forward_and_back_with_the_total()
    {
        var oldest = await OpenAsync("Oldest", "2015-01-07", "FR");
        var newest = await OpenAsync("Newest", "2018-03-23", "FR");
        var middle = await OpenAsync("Middle", "2016-07-14", "FR");
        var sameDay = await OpenAsync("Same day", "2016-07-14", "FR");

        var first = await ListAsync($"q={_token}&pageSize=2");
        var second = await ListAsync($"q={_token}&pageSize=2&cursor={first.Next}");
        var back = await ListAsync($"q={_token}&pageSize=2&cursor={second.Previous}");

        var sameDayFirst = middle.CompareTo(sameDay) < 0 ? sameDay : middle;
        Assert.Equal([newest, sameDayFirst], Ids(first));
        Assert.Equal([sameDayFirst == middle ? sameDay : middle, oldest], Ids(second));
        Assert.Equal(Ids(first), Ids(back));
        Assert.Null(first.Previous);
        Assert.Null(second.Next);
        Assert.Null(back.Previous);
        Assert.All([first, second, back], p => Assert.Equal(4, p.Total));
        Assert.Equal(2, second.PageSize);
    }

    [Fact]
    public async Task Sorts_by_toll_with_the_unreported_last_and_pages_through_it()
    {
        var few = await OpenAsync("Few", "2017-01-01", "FR");
        await host.SubmitReport(few, ReportBodies.Report("""[{ "type": "casualties", "killed": 2 }]"""));
        var many = await OpenAsync("Many", "2015-01-01", "FR");
        await host.SubmitReport(many, ReportBodies.Report("""[{ "type": "casualties", "killed": 40 }]"""));
        var unknown = await OpenAsync("Unknown", "2019-01-01", "FR");

        var first = await ListAsync($"q={_token}&sort=toll&pageSize=2");
        var rest = await ListAsync($"q={_token}&sort=toll&pageSize=2&cursor={first.Next}");

        Assert.Equal([many, few], Ids(first));
        Assert.Equal([unknown], Ids(rest));
        await host.GetValidationProblem($"/api/incidents?q={_token}&pageSize=2&cursor={first.Next}", "cursor");
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("source")]
    public async Task Searches_the_summary_and_the_sources_names_too(string where)
    {
        var id = await host.OpenIncidentId(new { title = $"Quiet title {_token}", occurredOn = "2019-04-01", country = "FR", place = "Somewhere", summary = $"A van drove into the Café Élysée crowd, {where}{_token}." });
        await host.SubmitReport(id, ReportBodies.Note("Noted.", source: $"Agence Méridionale {where}{_token}"));
        await OpenAsync("Unrelated", "2019-04-02", "FR");

        var page = await ListAsync($"q={Uri.EscapeDataString(where == "summary" ? $"cafe elysee crowd, {where}{_token}" : $"AGENCE MERIDIONALE {where}{_token}")}");

        Assert.Equal([id], Ids(page));
    }

    [Fact]
    public async Task A_summary_carries_the_best_figures_and_the_report_count()
    {
        var incidentId = await OpenAsync("With casualties", "2018-03-23", "FR");
        await host.SubmitReport(incidentId, ReportBodies.Report("""[{ "type": "casualties", "killed": 4, "wounded": 15 }]"""));

        var item = Assert.Single((await ListAsync($"q={_token}")).Items);

        Assert.Equal(incidentId, item.Id);
        Assert.Equal(new DateOnly(2018, 3, 23), item.OccurredOn);
        Assert.Equal(4, item.KilledBest);
        Assert.Equal(15, item.WoundedBest);
        Assert.Equal(1, item.ReportCount);
        Assert.Equal(3, item.Version);
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
        await host.GetValidationProblem($"/api/incidents?{query}", field);
    }

    private async Task<Guid> OpenAsync(string title, string occurredOn, string country) =>
        await host.OpenIncidentId(new { title = $"{title} {_token}", occurredOn, country, place = "Somewhere" });

    private Task<IncidentPage> ListAsync(string query) => host.Incidents(query);

    private static List<Guid> Ids(IncidentPage page) => [.. page.Items.Select(i => i.Id)];
}
