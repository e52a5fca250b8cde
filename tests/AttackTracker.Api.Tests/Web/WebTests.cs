using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AttackTracker.Api.Tests.Web;

/// <summary>
/// The pages in a real browser (docs/web.md): Debian's Chromium, driven by Playwright, against the
/// service on real Kestrel with the sample data.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class WebTests(BrowserFixture site)
{
    private const string Carcassonne = PageSupport.Carcassonne;

    [Fact]
    public async Task The_list_shows_every_incident_with_its_toll_range_and_a_disputed_badge()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync("/");
        Assert.Equal("Incidents", await page.Locator("h1").TextContentAsync());
        Assert.Equal("16 incidents", await page.Locator("#count").TextContentAsync());

        var row = page.Locator("tr", new() { HasText = "Carcassonne and Trèbes" });
        var cells = row.Locator("td");
        Assert.Equal("4", await cells.Nth(0).Locator(".best").TextContentAsync());
        Assert.Equal("(all say 4)", await cells.Nth(0).Locator(".range").TextContentAsync());
        Assert.Equal("15", await cells.Nth(1).Locator(".best").TextContentAsync());
        Assert.Equal("(15–16)", await cells.Nth(1).Locator(".range").TextContentAsync());
        Assert.Equal("disputed", await cells.Nth(1).Locator(".badge").TextContentAsync());
        Assert.Equal(("23 March 2018", "France"), (await cells.Nth(2).TextContentAsync(), await cells.Nth(3).TextContentAsync()));
    }

    [Fact]
    public async Task The_lists_search_filters_and_sort_narrow_and_order_the_rows()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Title, place, summary or source").FillAsync("trebes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await PageSupport.ArrivedAsync(page, "q=trebes");
        Assert.Equal("1 incident", await page.Locator("#count").TextContentAsync());

        await page.GotoAsync("/");
        await page.GetByLabel("Country").SelectOptionAsync("FR");
        await page.GetByLabel("Year").FillAsync("2018");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await PageSupport.ArrivedAsync(page, "year=2018");
        var titles = await page.Locator("tbody th").AllTextContentsAsync();
        Assert.Contains(titles, t => t.Contains("Trèbes", StringComparison.Ordinal));
        Assert.All(await page.Locator("tbody td:nth-child(4)").AllTextContentsAsync(), d => Assert.EndsWith("2018", d, StringComparison.Ordinal));
        Assert.All(await page.Locator("tbody td:nth-child(5)").AllTextContentsAsync(), c => Assert.Equal("France", c));

        await page.GotoAsync("/?sort=toll");
        var killed = (await page.Locator("tbody tr td:nth-child(2)").AllTextContentsAsync())
            .Select(t => Regex.Match(t, "^\\s*(\\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1)
            .ToList();
        Assert.True(killed.Count > 5);
        Assert.Equal(killed.OrderByDescending(k => k), killed);
    }

    [Fact]
    public async Task The_incident_page_shows_figures_sources_profile_claims_and_people()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(Carcassonne);
        var killed = page.Locator("#figure-killed");
        Assert.Equal("4", await killed.Locator("td.best").TextContentAsync());
        Assert.Equal("agreed", await killed.Locator(".badge").TextContentAsync());
        var wounded = page.Locator("#figure-wounded");
        Assert.Equal(["15", "15", "16"], (await wounded.Locator("td").AllTextContentsAsync()).Take(3));
        Assert.Equal("disputed", await wounded.Locator(".badge").TextContentAsync());
        Assert.Contains("World Socialist Web Site", await wounded.Locator(".reports").TextContentAsync(), StringComparison.Ordinal);

        var sources = await page.Locator("section[aria-labelledby=sources-heading] tbody th").AllTextContentsAsync();
        Assert.Contains("Long War Journal", sources);
        Assert.Contains("Islamic State", await page.Locator("section[aria-labelledby=claims-heading]").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("section[aria-labelledby=perpetrators-heading] .badge", new() { HasText = "conflict" }).CountAsync() > 0);

        // The officer first reported badly wounded, later dead: both statuses, in publication order.
        var officer = page.Locator("section[aria-labelledby=people-heading] ol.statuses").Filter(new() { HasText = "wounded" }).Filter(new() { HasText = "killed" }).First;
        var statuses = (await officer.Locator("li strong").AllTextContentsAsync()).ToList();
        Assert.True(statuses.IndexOf("wounded") < statuses.IndexOf("killed"), string.Join(", ", statuses));
    }

    [Fact]
    public async Task The_as_of_control_moves_the_toll_and_the_address_carries_the_point()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(Carcassonne);
        await page.GetByLabel("Published by (publication axis)").FillAsync("2018-03-23");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show this point" }).ClickAsync();
        await PageSupport.ArrivedAsync(page, "asOf=2018-03-23");
        Assert.Equal("3", await page.Locator("#figure-killed td.best").TextContentAsync());
        Assert.Contains("23 March 2018", await page.Locator("#point").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("asOf=2018-03-23", await page.Locator("#permalink").GetAttributeAsync("href"), StringComparison.Ordinal);

        // The slider over the report dates (shown by the page's script) moves to the last report.
        var slider = page.GetByLabel("Report dates");
        Assert.True(await slider.IsVisibleAsync());
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await PageSupport.ArrivedAsync(page, "asOf=2019");
        Assert.Equal("4", await page.Locator("#figure-killed td.best").TextContentAsync());

        await page.GotoAsync(Carcassonne + "?asOf=2018-03-26");
        Assert.Equal("4", await page.Locator("#figure-killed td.best").TextContentAsync());
    }

    [Fact]
    public async Task The_chart_history_and_diff_are_on_the_page()
    {
        var (page, _) = await site.OpenAsync();
        await page.GotoAsync(Carcassonne + "?asOf=2018-03-23");
        var chart = page.Locator("svg.chart");
        Assert.Equal("img", await chart.GetAttributeAsync("role"));
        Assert.Equal(1, await chart.Locator("polyline.best.killed").CountAsync());
        Assert.Equal(1, await chart.Locator("polyline.best.wounded").CountAsync());
        Assert.True(await chart.Locator("circle.point.killed").CountAsync() >= 2);
        Assert.Equal(1, await chart.Locator("line.as-of").CountAsync());
        Assert.Contains("Killed: 23 March 2018 best 3", await chart.Locator("desc").TextContentAsync(), StringComparison.Ordinal);

        var entries = page.Locator("ol.history > li");
        Assert.True(await entries.CountAsync() >= 5);
        await entries.Nth(1).Locator("summary").ClickAsync();
        Assert.Contains("sample-loader", await entries.Nth(1).Locator("summary").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await entries.Nth(1).Locator("table.changes tbody tr").First.IsVisibleAsync());

        await page.GetByLabel("From version").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await PageSupport.ArrivedAsync(page, "fromVersion=1");
        var diff = page.Locator("table#diff");
        Assert.Contains("between version 1 and version", await diff.Locator("caption").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("casualties.killed.best", await diff.Locator("tbody th").AllTextContentsAsync());
    }

    [Fact]
    public async Task Markup_from_a_hostile_report_shows_as_text_and_runs_nothing()
    {
        var (page, _) = await site.OpenAsync();
        var response = await page.GotoAsync($"/incidents/{site.HostileIncident}");
        Assert.Equal(BrowserFixture.Markup[0] + " " + BrowserFixture.Markup[2], await page.Locator("h1").TextContentAsync());
        var text = await page.Locator("main").TextContentAsync();
        Assert.All(BrowserFixture.Markup, m => Assert.Contains(m, text, StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("main script, main img, main b, main a[href^='javascript']").CountAsync());
        Assert.Contains("script-src 'self'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers["content-security-policy"], StringComparison.Ordinal);

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("<script>"));
        Assert.Equal("<script>", await page.GetByLabel("Title, place, summary or source").InputValueAsync());
    }

    [Fact]
    public async Task No_request_leaves_the_services_origin_and_the_page_has_no_inline_script()
    {
        var (page, requests) = await site.OpenAsync();
        await page.GotoAsync("/");
        await page.GotoAsync(Carcassonne);
        await page.GotoAsync($"/incidents/{site.HostileIncident}");
        var origin = site.Address.GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.StartsWith(origin + "/", r, StringComparison.Ordinal));
        Assert.Contains(requests, r => r.EndsWith("/assets/site.js", StringComparison.Ordinal));
        Assert.All(await page.Locator("script").EvaluateAllAsync<string[]>("s => s.map(e => e.src)"), src => Assert.NotEqual(string.Empty, src));
    }

    [Theory]
    [InlineData("/", 1280)]
    [InlineData("/", 390)]
    [InlineData(Carcassonne, 1280)]
    [InlineData(Carcassonne, 390)]
    [InlineData(Carcassonne + "?asOf=2018-03-23&fromVersion=1&toVersion=20", 1280)]
    [InlineData("/stats", 1280)]
    [InlineData("/stats?groupBy=country,year&asOf=2018-03-23", 390)]
    public async Task Every_page_passes_axe_with_no_serious_or_critical_violation(string path, int width)
    {
        // axe is injected into the page, which the pages' CSP would refuse: this context alone bypasses it.
        var (page, _) = await site.OpenAsync(width, 900, bypassCsp: true);
        await page.GotoAsync(path);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        if (width < 500)
        {
            // Phone width: nothing wider than the screen but the tables that scroll in their own box.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        }
    }
}
