using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Store;
using AttackTracker.Api.Tests.Contract;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests;

/// <summary>
/// The service in an Alba host (<c>AlbaHost.For&lt;Program&gt;</c>) on a schema of its own in the
/// real PostgreSQL of the test command, one per test class, dropped when the class is done.
/// Classes run in parallel; none depends on another's data. Every response the host gives to an API
/// operation is checked against the service's published OpenAPI document (<see cref="ContractCheck"/>).
/// </summary>
public class ApiHost : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>For a host a test starts itself: <c>await using var target = new ApiHost();</c>.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await ((IAsyncLifetime)this).DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The name recorded as recordedBy for writes made by <see cref="CreateClient()"/> and <see cref="Scenario"/>.</summary>
    public const string EditorName = "test-editor";

    private IAlbaHost? _host;
    private string _editorKey = string.Empty;

    public string Schema { get; } = "api_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = string.Empty;

    public ContractCheck Contract { get; } = new();

    public static JsonSerializerOptions Json { get; } = IncidentJson.Options;

    public IAlbaHost Alba => _host ?? throw new InvalidOperationException("The host has not started.");

    public IServiceProvider Services => Alba.Services;

    protected virtual bool LoadSamples => false;

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Services a test class adds to the host, such as a subscription to the daemon's feed.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The connection string the service gets, from the test database's: a test class may route it through a proxy.</summary>
    protected virtual string ServiceConnectionString(string connectionString) => connectionString;

    public async Task InitializeAsync()
    {
        ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
            ?? await LocalPostgres.StartAsync("attacktracker_tests");
        _host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:EventStore", ServiceConnectionString(ConnectionString));
            builder.UseSetting("EventStore:Schema", Schema);
            builder.UseSetting("Samples:Load", LoadSamples ? "true" : "false");
            builder.UseSetting("RateLimit:PermitsPerSecond", "100000");
            builder.UseSetting("RateLimit:Burst", "100000");
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Testing");
            builder.ConfigureServices(services => services.AddSingleton(Contract.StartupFilter()));
            builder.ConfigureServices(ConfigureServices);
        });
        _editorKey = await CreateKeyAsync(EditorName, Roles.Editor);
        Contract.Contract = new PublishedContract(await Alba.Server.CreateClient().GetStringAsync("/openapi/v1.json"));
    }

    /// <summary>An Alba scenario sent with the editor's key unless it sets its own.</summary>
    public Task<IScenarioResult> Scenario(Action<Scenario> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Alba.Scenario(scenario =>
        {
            scenario.WithRequestHeader(ApiKeyAuthentication.Header, _editorKey);
            configure(scenario);
        });
    }

    /// <summary>A client that acts as the editor.</summary>
    public HttpClient CreateClient() => CreateClient(_editorKey);

    public HttpClient CreateClient(string? apiKey)
    {
        var client = Alba.Server.CreateClient();
        if (apiKey is { Length: > 0 })
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, apiKey);
        }

        return client;
    }

    public Task<string> CreateKeyAsync(string name, string role) => Services.GetRequiredService<ApiKeys>().CreateAsync(name, role);

    /// <summary>Rows in one of this class's tables (as the login role, which owns them).</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{Schema}\".{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The events and streams in this class's schema: a rejected request must leave both unchanged.
    /// Tombstones are not counted: Marten writes them outside the failed transaction to fill the
    /// sequence numbers it drew (Rich append mode), and they record nothing.
    /// </summary>
    public async Task<(long Events, long Streams)> CountWritesAsync() =>
        (await CountAsync("mt_events WHERE type <> 'tombstone'"),
         await CountAsync($"mt_streams s WHERE NOT EXISTS (SELECT 1 FROM \"{Schema}\".mt_events e WHERE e.stream_id = s.id AND e.type = 'tombstone')"));

    /// <summary>Runs SQL as the login role, with __schema__ standing for this class's schema.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql.Replace("__schema__", $"\"{Schema}\"", StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await DropSchemaAsync();
        if (Contract.Breaks.Count > 0)
        {
            throw new InvalidOperationException(
                $"{Contract.Breaks.Count} responses broke the published OpenAPI document:\n" + string.Join("\n", Contract.Breaks.Distinct().Take(30)));
        }
    }

    private async Task DropSchemaAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SampleApiHost : ApiHost
{
    protected override bool LoadSamples => true;
}
public static class HttpExtensions
{
    public static readonly object Carcassonne = new
    {
        title = "Carcassonne and Trèbes attacks",
        occurredOn = "2018-03-23",
        country = "FR",
        place = "Carcassonne and Trèbes, Aude",
    };

    public static async Task<Guid> OpenIncidentAsync(this HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", body ?? Carcassonne);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostReportAsync(this HttpClient client, Guid incidentId, object report, Action<HttpRequestMessage>? configure = null) =>
        client.PostJsonAsync($"/api/incidents/{incidentId}/reports", JsonSerializer.Serialize(report, ApiHost.Json), configure);

    /// <summary>Posts a report that must be accepted; returns what the 201 said.</summary>
    public static async Task<(Guid ReportId, long Version, IReadOnlyList<Guid> FactIds)> SubmitReportAsync(this HttpClient client, Guid incidentId, object report)
    {
        var response = await client.PostReportAsync(incidentId, report);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"The report was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.ReadJsonAsync();
        return (created["reportId"]!.GetValue<Guid>(), (long)created["version"]!, [.. created["factIds"]!.AsArray().Select(f => f!.GetValue<Guid>())]);
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.ReadJsonAsync();
    }

    public static object Report(string source, string publishedAt, params object[] facts) => new
    {
        source = new { name = source, reliability = "B", kind = "news" },
        title = $"Report by {source}",
        publishedAt,
        facts,
    };
}
