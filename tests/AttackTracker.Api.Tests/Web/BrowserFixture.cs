using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Microsoft.Playwright;
using Npgsql;

namespace AttackTracker.Api.Tests.Web;

/// <summary>
/// The service on real Kestrel (a child process on a loopback port, its own schema, the sample
/// data loaded, plus one incident made of hostile text), and Debian's Chromium driven by
/// Playwright through <c>ExecutablePath</c>: nothing is downloaded. tests/run.sh installs
/// chromium with apt-get when it is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Markup from the hostile-input tests, as a source might have written it.</summary>
    public static readonly string[] Markup =
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=\"alert(1)\"> & &amp;",
        "<b>bold</b><a href=\"javascript:alert(1)\">link</a>",
    ];

    private readonly string _schema = "web_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = string.Empty;
    private ServiceProcess? _service;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address => _service!.Address;

    public Guid HostileIncident { get; private set; }

    public async Task InitializeAsync()
    {
        _connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");
        _service = await ServiceProcess.StartAsync(_connectionString, new Dictionary<string, string>
        {
            ["EventStore__Schema"] = _schema,
            ["Samples__Load"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });
        try
        {
            await PrepareAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: the service must not outlive it.
            await DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync()
    {
        using var api = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Add("X-Api-Key", "atk_development_only_not_for_production_0001");
        var opened = await api.PostAsJsonAsync("/api/incidents", new { title = Markup[0] + " " + Markup[2], occurredOn = "2019-05-01", country = "NL", place = Markup[1], summary = string.Join(" ", Markup) });
        HostileIncident = (await opened.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var report = new
        {
            source = new { name = Markup[2] },
            title = Markup[0],
            publishedAt = "2019-05-02",
            facts = new object[]
            {
                new { type = "casualties", killed = 2, quote = Markup[1] },
                new { type = "claim", claimant = Markup[0] },
                new { type = "person", key = "p", name = Markup[2], role = Markup[1], status = "wounded" },
                new { type = "timeline", at = "2019-05-01", description = Markup[0] },
            },
        };
        (await api.PostAsJsonAsync($"/api/incidents/{HostileIncident}/reports", report)).EnsureSuccessStatusCode();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As the machine notes advise: no sandbox as root, and no background calls to Google's hosts.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A page in a fresh context at the given width; every request it makes is recorded.</summary>
    public async Task<(IPage Page, List<string> Requests)> OpenAsync(int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
        });
        // The whole suite runs beside these tests on two cores: give a navigation room.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Dialog += (_, dialog) => throw new InvalidOperationException($"A dialog opened: {dialog.Message}");
        return (page, requests);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The browser tests share one service and one browser (<see cref="BrowserFixture"/>), and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
