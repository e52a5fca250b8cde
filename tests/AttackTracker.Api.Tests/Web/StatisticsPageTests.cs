using Microsoft.Playwright;

namespace AttackTracker.Api.Tests.Web;

/// <summary>The statistics page (/stats, docs/web.md): totals by year and country with their ranges, as of any date, linked from the list.</summary>
[Collection(SharedBrowser.Name)]
public sealed class StatisticsPageTests(BrowserFixture site)
{
    [Fact]
    public async Task The_list_links_to_the_totals_by_year_with_ranges_and_the_incidents_that_report_no_figure()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync("/");
        await page.Locator("main a[href='/stats']").ClickAsync();
        await PageSupport.ArrivedAsync(page, "/stats$");

        Assert.Equal("Statistics", await page.Locator("h1").TextContentAsync());
        var year2015 = Row(page, "2015");
        var cells = year2015.Locator("td");
        Assert.Equal("3", await cells.Nth(0).TextContentAsync());
        Assert.Equal("130", await cells.Nth(1).Locator(".best").TextContentAsync());
        Assert.Equal("2 not reported", await cells.Nth(1).Locator(".unreported").TextContentAsync());
        Assert.Equal("(16–17)", await Row(page, "2018").Locator("td").Nth(2).Locator(".range").TextContentAsync()); // Carcassonne's disputed 15–16 and Melbourne's 1
        Assert.Contains("Accept: text/csv", await page.Locator("#csv").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totals_by_country_and_year_as_of_a_date_count_only_what_was_published_by_then()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync("/stats");
        await page.GetByLabel("Totals by").SelectOptionAsync("country,year");
        await page.GetByLabel("Published by (publication axis)").FillAsync("2018-03-23");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await PageSupport.ArrivedAsync(page, "asOf=2018-03-23");

        Assert.Contains("the end of 23 March 2018", await page.Locator("#point").TextContentAsync(), StringComparison.Ordinal);
        var france2018 = page.Locator("tbody tr", new() { Has = page.Locator("th:text-is('France')") }).Filter(new() { Has = page.Locator("td:text-is('2018')") });
        var killed = france2018.Locator("td").Nth(2);
        Assert.Equal("3", await killed.Locator(".best").TextContentAsync());
        Assert.Equal("(3 or more)", await killed.Locator(".range").TextContentAsync());
        Assert.Equal("not reported", await france2018.Locator("td").Nth(3).Locator(".none").TextContentAsync());
    }

    [Fact]
    public async Task A_bad_value_is_named_and_ignored_never_an_error_page()
    {
        var (page, _) = await site.OpenAsync();
        var response = await page.GotoAsync("/stats?groupBy=city&country=XX&from=2019-02-30&asOf=yesterday");

        Assert.Equal(200, response!.Status);
        var notices = await page.Locator("p.notice").AllTextContentsAsync();
        Assert.Equal(4, notices.Count);
        Assert.Contains(notices, n => n.Contains("“city”", StringComparison.Ordinal));
        Assert.Equal("Year", await page.Locator("thead th").First.TextContentAsync());
    }

    private static ILocator Row(IPage page, string key) => page.Locator("tbody tr", new() { Has = page.Locator($"th:text-is('{key}')") });
}
