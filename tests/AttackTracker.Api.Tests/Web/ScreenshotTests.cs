namespace AttackTracker.Api.Tests.Web;

/// <summary>
/// The pictures in docs/web/. A test run writes them to a temporary folder and leaves the working
/// tree as it was; <c>bash src/tools/screenshots.sh</c> runs these tests alone (trait
/// Category=Screenshots) with ATTACKTRACKER_SCREENSHOTS naming docs/web, to remake them.
/// </summary>
[Collection(SharedBrowser.Name)]
[Trait("Category", "Screenshots")]
public sealed class ScreenshotTests(BrowserFixture site)
{
    public const string FolderVariable = "ATTACKTRACKER_SCREENSHOTS";

    [Theory]
    [InlineData("/", 1280, "list-desktop")]
    [InlineData("/", 390, "list-phone")]
    [InlineData(PageSupport.Carcassonne, 1280, "incident-desktop")]
    [InlineData(PageSupport.Carcassonne, 390, "incident-phone")]
    [InlineData("/stats?groupBy=country,year", 1280, "stats-desktop")]
    public async Task A_screenshot_goes_where_the_screenshot_command_says_and_never_into_the_working_tree_otherwise(string path, int width, string name)
    {
        var asked = Environment.GetEnvironmentVariable(FolderVariable);
        var folder = string.IsNullOrEmpty(asked) ? Path.Combine(Path.GetTempPath(), "attacktracker-screenshots-" + Guid.NewGuid().ToString("N")[..8]) : asked;
        var tracked = Path.Combine(Repository.Root, "docs", "web", name + ".png");
        var before = File.Exists(tracked) ? File.GetLastWriteTimeUtc(tracked) : (DateTime?)null;
        Directory.CreateDirectory(folder);
        try
        {
            var (page, _) = await site.OpenAsync(width, 900);
            await page.GotoAsync(path);
            var file = Path.Combine(folder, name + ".png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = !name.StartsWith("incident", StringComparison.Ordinal) });

            var png = await File.ReadAllBytesAsync(file);
            Assert.Equal("\u0089PNG", System.Text.Encoding.Latin1.GetString(png, 0, 4));
            Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            if (string.IsNullOrEmpty(asked))
            {
                Assert.Equal(before, File.Exists(tracked) ? File.GetLastWriteTimeUtc(tracked) : null);
            }
        }
        finally
        {
            if (string.IsNullOrEmpty(asked))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
