using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests;

/// <summary>The API on a schema of its own in a real PostgreSQL, dropped when the test class is done.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public string Schema { get; } = "api_" + Guid.NewGuid().ToString("N")[..12];

    protected virtual bool LoadSamples => false;

    public static JsonSerializerOptions Json { get; } = IncidentJson.Options;

    /// <summary>The name recorded as recordedBy for writes made by <see cref="WebApplicationFactory{T}.CreateClient()"/>.</summary>
    public const string EditorName = "test-editor";

    private string _editorKey = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
            ?? await LocalPostgres.StartAsync("attacktracker_tests");
        _ = Server;
        _editorKey = await CreateKeyAsync(EditorName, Security.Roles.Editor);
    }

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:EventStore", _connectionString);
        builder.UseSetting("EventStore:Schema", Schema);
        builder.UseSetting("Samples:Load", LoadSamples ? "true" : "false");
        builder.UseSetting("RateLimit:PermitsPerSecond", "100000");
        builder.UseSetting("RateLimit:Burst", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
    }

    /// <summary>Every client acts as the editor unless it replaces the key.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (_editorKey.Length > 0)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", _editorKey);
        }
    }

    public Task<string> CreateKeyAsync(string name, string role) =>
        Services.GetRequiredService<Security.ApiKeys>().CreateAsync(name, role);

    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM \"{Schema}\".{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The events and streams rows in this class's schema: a rejected request must leave both unchanged.</summary>
    public async Task<(long Events, long Streams)> CountWritesAsync() => (await CountAsync("events"), await CountAsync("streams"));

    public async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(sql.Replace("__schema__", $"\"{Schema}\"", StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SampleApiFactory : ApiFactory
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
        client.PostJsonAsync($"/api/incidents/{incidentId}/reports", JsonSerializer.Serialize(report, ApiFactory.Json), configure);

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
        response.EnsureSuccessStatusCode();
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
