using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AttackTracker.Api.Tests.Web;

/// <summary>The incident page as a reader meets it (docs/web.md): each source and claim once, no false conflict, the grades explained, diffs as entries added and removed.</summary>
[Collection(SharedBrowser.Name)]
public sealed class IncidentPageTests(BrowserFixture site)
{
    private const string Itic = "Meir Amit Intelligence and Terrorism Information Center (ITIC)";

    [Fact]
    public async Task A_report_is_listed_once_for_a_value_with_all_its_quotes_and_the_claim_once_with_its_date()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(PageSupport.Carcassonne);

        var name = Attribute(page, "name");
        Assert.Single(Regex.Matches(await name.Locator("span.muted").First.TextContentAsync() ?? string.Empty, Regex.Escape(Itic)));
        Assert.Equal(2, await name.Locator("details.quotes li", new() { HasTextString = Itic }).CountAsync());

        var claims = page.Locator("section[aria-labelledby=claims-heading] > ul > li");
        Assert.Equal(1, await claims.CountAsync());
        var claim = await claims.First.TextContentAsync();
        Assert.Contains("Amaq News Agency, 2018-03-23", claim, StringComparison.Ordinal);
        Assert.Contains("World Socialist Web Site", claim, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_wordings_of_a_nationality_and_a_fuller_residence_carry_no_conflict_badge_while_a_real_conflict_does()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(PageSupport.Carcassonne);

        Assert.Equal(2, await Attribute(page, "nationality").Locator("ul.values > li").CountAsync());
        Assert.Equal(0, await Attribute(page, "nationality").Locator(".badge").CountAsync());
        Assert.Equal(0, await Attribute(page, "residence").Locator(".badge").CountAsync());
        Assert.Equal("conflict", await Attribute(page, "affiliation").Locator(".badge").TextContentAsync());
    }

    [Fact]
    public async Task The_timeline_opens_with_the_first_act_of_the_day_the_one_entry_with_a_time()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(PageSupport.Carcassonne);

        var first = page.Locator("ol.timeline > li").First;
        Assert.StartsWith("2018-03-23T10:00+01:00", await first.Locator(".when").TextContentAsync(), StringComparison.Ordinal);
        Assert.All(await page.Locator("ol.timeline > li .when").AllTextContentsAsync(), w => Assert.StartsWith("2018-03-23", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_grades_are_explained_where_they_are_shown()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(PageSupport.Carcassonne);

        var legend = page.Locator("#grades");
        Assert.Contains("B usually reliable", await legend.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("2 probably true", await legend.TextContentAsync(), StringComparison.Ordinal);
        var grade = page.Locator("#figure-killed a.grade").First;
        Assert.Equal("#grades", await grade.GetAttributeAsync("href"));
        Assert.Matches("^reliability [A-F]: ", await grade.GetAttributeAsync("aria-label") ?? string.Empty);
        var sources = page.Locator("section[aria-labelledby=sources-heading] tbody tr", new() { HasTextString = "Long War Journal" });
        Assert.Contains("B usually reliable", await sources.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("2 probably true", await sources.TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_diff_of_a_list_field_shows_the_entries_added_and_removed_not_raw_json()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(PageSupport.Carcassonne + "?fromVersion=1&toVersion=60");

        var claims = page.Locator("table#diff tr", new() { Has = page.Locator("th", new() { HasTextString = "claims" }) });
        var cells = claims.Locator("td");
        Assert.Equal("nothing removed", (await cells.Nth(0).TextContentAsync())!.Trim());
        Assert.StartsWith("Added:", (await cells.Nth(1).TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.Contains("Islamic State | Amaq News Agency | 2018-03-23", await cells.Nth(1).Locator("ul.added li").AllTextContentsAsync());
        Assert.DoesNotContain("[\"", await page.Locator("table#diff").TextContentAsync(), StringComparison.Ordinal);
    }

    private static ILocator Attribute(IPage page, string name) =>
        page.Locator("section[aria-labelledby=perpetrators-heading] tr", new() { Has = page.Locator($"th:text-is('{name}')") });
}
