using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AttackTracker.Api.Tests.Web;

public static class PageSupport
{
    /// <summary>The Carcassonne and Trèbes attack of the sample data, at its fixed id.</summary>
    public const string Carcassonne = "/incidents/f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b";

    /// <summary>
    /// After a click or key that submits a form: the address has the point, and the new document is
    /// parsed. Not the load event: under the whole suite's load on two cores, waiting for it
    /// after a form submission timed out now and then, though the page had arrived.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string pattern)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = 60_000 });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
