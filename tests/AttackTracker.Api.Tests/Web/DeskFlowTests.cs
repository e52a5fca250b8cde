using AttackTracker.Api.Tests.Documents;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AttackTracker.Api.Tests.Web;

/// <summary>
/// The desk's own service and browser: its reports open incidents, which the shared browser tests
/// (which count the sample incidents) must not see.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeskBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "desk-browser";
}

/// <summary>
/// The desk in Debian's Chromium (docs/desk.md), by keyboard alone: sign in, paste a seed article,
/// accept, edit and reject suggestions, add a fact, open the incident, submit, land on the
/// incident page, follow a passage link; axe on every page, at desktop and phone widths.
/// ATTACKTRACKER_DESK_SCREENSHOTS names a folder for the screenshots of docs/desk.md.
/// </summary>
[Collection(DeskBrowser.Name)]
public sealed class DeskFlowTests(BrowserFixture site)
{
    private const string DevelopmentKey = "atk_development_only_not_for_production_0001";

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task An_article_becomes_a_report_by_keyboard_alone_and_its_passages_are_linked(int width, string name)
    {
        var (page, requests) = await site.OpenAsync(width, 900);
        var pages = new List<string>();

        await page.GotoAsync("/desk");
        await PageSupport.ArrivedAsync(page, "/desk/sign-in");
        await TabToAsync(page, "#key");
        await page.Keyboard.TypeAsync(DevelopmentKey);
        await page.Keyboard.PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "/desk$");
        pages.Add(page.Url);

        var text = DocumentBodies.Seed(1) + $"\n(Desk flow at {width} pixels.)\n";
        await TabToAsync(page, "#article-text");
        await page.Keyboard.InsertTextAsync(text);
        await TabToAsync(page, "#article-title");
        await page.Keyboard.InsertTextAsync("Perpetrator of Carcassonne and Trèbes terrorist attacks known to French intelligence agencies");
        await TabToAsync(page, "#article-publisher");
        await page.Keyboard.InsertTextAsync("World Socialist Web Site");
        await TabToAsync(page, "#article-publishedAt");
        await page.Keyboard.TypeAsync("03292018");
        Assert.Equal("2018-03-29", await page.Locator("#article-publishedAt").InputValueAsync());
        await Shoot(page, $"desk-article-{name}");
        await TabToAsync(page, "form.article-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "/desk/documents/" + DocumentBodies.Sha256(text));
        pages.Add(page.Url);

        Assert.True(await page.Locator("#article mark").CountAsync() > 5);
        Assert.Contains("Four people died", await page.Locator("#article").TextContentAsync(), StringComparison.Ordinal);
        var wounded = page.Locator("li.suggestion", new() { Has = page.Locator("legend", new() { HasText = "Wounded" }) }).First;
        var woundedId = await wounded.GetAttributeAsync("id");
        await Shoot(page, $"desk-review-{name}");

        // Edit the wounded figure (16 → 15), reject the first place, add the officer who died.
        await TabToAsync(page, $"#items-{woundedId![2..]}-number");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("15");
        var place = await page.Locator("li.suggestion", new() { Has = page.Locator("legend", new() { HasText = "Place" }) }).First.GetAttributeAsync("id");
        await TabToAsync(page, $"#m-{place![2..]} input[value=accept]");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator($"#m-{place[2..]} input[value=reject]").IsCheckedAsync());
        await TabToAsync(page, "#adding-kind");
        await page.Keyboard.TypeAsync("Person");
        Assert.Equal("person", await page.Locator("#adding-kind").InputValueAsync());
        await TabToAsync(page, "#adding-words");
        await page.Keyboard.InsertTextAsync("Beltrame died several hours later");
        await TabToAsync(page, "button[formaction*='handler=Add']");
        await page.Keyboard.PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "handler=Add");
        await TabToAsync(page, "#added-0-name");
        await page.Keyboard.InsertTextAsync("Arnaud Beltrame");
        await TabToAsync(page, "#added-0-status");
        await page.Keyboard.TypeAsync("killed");
        Assert.Equal("killed", await page.Locator("#added-0-status").InputValueAsync());

        // A new incident: the sample data's Carcassonne incident is offered first, and left alone.
        Assert.Contains("Carcassonne", await page.Locator("#incident-choice").TextContentAsync(), StringComparison.Ordinal);
        await TabToAsync(page, "#incident-choice input[type=radio]:checked");
        for (var i = 0; i < 10 && !await page.Locator("#incident-choice input[value=new]").IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await page.Locator("#incident-choice input[value=new]").IsCheckedAsync());
        await TabToAsync(page, "#opening-title");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync($"Carcassonne and Trèbes, from the desk ({name})");
        await TabToAsync(page, "#submit-report");
        await page.Keyboard.PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "/incidents/[0-9a-f-]{36}$");
        pages.Add(page.Url);

        Assert.Equal("4", await page.Locator("#figure-killed td.best").TextContentAsync());
        Assert.Equal("15", await page.Locator("#figure-wounded td.best").TextContentAsync());
        var cited = page.Locator("section[aria-labelledby=passages-heading] a.cited");
        Assert.True(await cited.CountAsync() > 5);
        Assert.Contains("Arnaud Beltrame", await page.Locator("section[aria-labelledby=people-heading]").TextContentAsync(), StringComparison.Ordinal);
        await Shoot(page, $"desk-incident-{name}");
        var quote = await page.Locator("section[aria-labelledby=passages-heading] a.cited", new() { HasText = "16 were wounded" }).First.TextContentAsync();
        await TabToAsync(page, "section[aria-labelledby=passages-heading] a.cited:has-text('16 were wounded')");
        await page.Keyboard.PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "/documents/[0-9a-f]{64}\\?start=\\d+&end=\\d+#passage");
        pages.Add(page.Url);
        Assert.Equal(quote, await page.Locator("mark#passage").TextContentAsync());
        Assert.True(await page.Locator("mark#passage").IsVisibleAsync());
        await Shoot(page, $"desk-passage-{name}");

        Assert.All(requests, r => Assert.StartsWith(site.Address.ToString(), r, StringComparison.Ordinal));
        await AxeCleanAsync(page, pages, width);
    }

    [Fact]
    public async Task Markup_pasted_in_an_article_is_shown_as_text_and_runs_nothing()
    {
        var (page, _) = await site.OpenAsync();
        await SignInAsync(page);
        var text = string.Join(" Two people were killed. ", BrowserFixture.Markup) + " " + Guid.NewGuid();
        await page.Locator("#article-text").FillAsync(text);
        await page.Locator("#article-title").FillAsync(BrowserFixture.Markup[0]);
        await page.Locator("#article-publisher").FillAsync(BrowserFixture.Markup[2]);
        await page.Locator("#article-publishedAt").FillAsync("2019-05-02");
        await page.Locator("form.article-form button[type=submit]").ClickAsync();
        await PageSupport.ArrivedAsync(page, "/desk/documents/");

        Assert.Equal(text, await page.Locator("#article").TextContentAsync());
        // The page's one script is its own file; none comes from the text.
        Assert.Equal(["/assets/desk.js"], await page.Locator("main script").EvaluateAllAsync<string[]>("s => s.map(e => e.getAttribute('src'))"));
        Assert.Equal(0, await page.Locator("main img, main b, main a[href^='javascript']").CountAsync());
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/desk/sign-in");
        await page.Locator("#key").FillAsync(DevelopmentKey);
        await page.Locator("#key").PressAsync("Enter");
        await PageSupport.ArrivedAsync(page, "/desk$");
    }

    /// <summary>Presses Tab until the element is focused: it is reachable by keyboard, in the page's order.</summary>
    private static async Task TabToAsync(IPage page, string selector, int limit = 600)
    {
        var target = page.Locator(selector).First;
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; i < limit; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{selector} was not reached by {limit} presses of Tab");
    }

    private static async Task AxeCleanAsync(IPage flow, List<string> pages, int width)
    {
        // axe is injected, which the CSP refuses: a second context, with the session's cookies, bypasses it.
        var state = await flow.Context.StorageStateAsync();
        await using var context = await flow.Context.Browser!.NewContextAsync(new() { StorageState = state, BypassCSP = true, ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        foreach (var address in pages.Prepend(new Uri(new Uri(flow.Url), "/desk/sign-in").ToString()))
        {
            await page.GotoAsync(address);
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, address + "\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            if (width < 500)
            {
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), address + " is wider than the phone");
            }
        }
    }

    private static async Task Shoot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ATTACKTRACKER_DESK_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = false });
        }
    }
}
