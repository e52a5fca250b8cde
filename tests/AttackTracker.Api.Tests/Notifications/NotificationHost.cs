using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>
/// The service with a fast retry schedule (200 ms, doubling, 4 attempts), a 1 s per-delivery
/// timeout, a 100 ms poll, and private targets allowed, so the receivers on 127.0.0.1 may be used.
/// </summary>
public class NotificationHost : ApiHost
{
    public const int MaxAttempts = 4;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:BackoffFactor"] = "2",
        ["Webhooks:MaxRetryDelay"] = "00:00:02",
        ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:Timeout"] = "00:00:01",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:MaxInFlight"] = "4",
    };

    /// <summary>Creates a subscription that must be accepted; returns its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> SubscribeAsync(Uri url, object? filter = null)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/subscriptions", new { url = url.ToString(), description = "test receiver", filter });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.ReadJsonAsync();
        return (created["id"]!.GetValue<Guid>(), (string)created["secret"]!);
    }

    /// <summary>The webhook ids of the notifications recorded for these incidents, in version order.</summary>
    public async Task<IReadOnlyList<string>> NotificationIdsAsync(params Guid[] incidents)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(
            $"SELECT incident_id, version, ordinal FROM \"{Schema}\".notifications WHERE incident_id = ANY ($1) ORDER BY incident_id, version, ordinal");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = incidents });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add($"{reader.GetGuid(0)}:{reader.GetInt64(1)}:{reader.GetInt32(2)}");
        }

        return ids;
    }

    public async Task<JsonObject> GetJsonAsync(string url)
    {
        var response = await CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>How long a test waits for a delivery, a retry or a dead letter.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    public static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task<JsonArray> WaitForDeadLettersAsync(Guid subscription, int count)
    {
        JsonArray? items = null;
        await WaitUntilAsync(async () => (items = (await GetJsonAsync($"/api/subscriptions/{subscription}/dead-letters"))["items"]!.AsArray()).Count >= count, $"{count} dead letters");
        return items!;
    }
}

public static class Deliveries
{
    /// <summary>The order of (version, ordinal) in which each incident's notifications first arrived.</summary>
    public static void AssertInVersionOrderPerIncident(IEnumerable<ReceivedWebhook> received)
    {
        foreach (var incident in received.GroupBy(r => r.IncidentId))
        {
            var firsts = incident.Select(r => r.Id).Distinct().Select(Position).ToList();
            Assert.True(firsts.SequenceEqual(firsts.Order()), $"Incident {incident.Key} arrived out of order: {string.Join(", ", firsts)}");
        }
    }

    public static (long Version, int Ordinal) Position(string webhookId)
    {
        var parts = webhookId.Split(':');
        return (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
