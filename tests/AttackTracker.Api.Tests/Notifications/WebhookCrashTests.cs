using System.Net;
using System.Net.Http.Json;
using AttackTracker.Api.Store;
using Npgsql;
using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>The service as a real process, killed with SIGKILL while it delivers webhooks, then started again.</summary>
public sealed class WebhookCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_service_killed_mid_delivery_loses_no_notification_and_repeats_one_only_with_the_same_webhook_id()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");
        var schema = "crash_" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>
        {
            ["EventStore__Schema"] = schema,
            ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Webhooks__PollInterval"] = "00:00:00.100",
            ["Webhooks__FirstRetryDelay"] = "00:00:00.200",
            ["Webhooks__MaxInFlight"] = "2",
        };
        try
        {
            var apiKey = await ServiceProcess.AddKeyAsync(connectionString, settings, "crash", "editor");

            await using var receiver = await WebhookReceiver.StartAsync();
            receiver.Respond = async _ =>
            {
                // Slow enough that the kill lands while deliveries are in flight.
                await Task.Delay(100);
                return 200;
            };

            // Disposed on every path: killed below on purpose, or by the dispose when anything throws before.
            await using var first = await ServiceProcess.StartAsync(connectionString, settings);
            var client = first.Client(apiKey);
            var subscribed = await client.PostAsJsonAsync("/api/subscriptions", new { url = receiver.Url.ToString() });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            var incidents = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.OpenIncidentAsync()));
            await Task.WhenAll(incidents.Select(async incident =>
            {
                for (var n = 0; n < 5; n++)
                {
                    await client.SubmitReportAsync(incident, ReportBodies.Casualties($"{n + 1}", source: $"Crash outlet {n}"));
                }
            }));

            await receiver.WaitAsync(r => r.Count >= 5, TimeSpan.FromSeconds(120), "the first deliveries");
            first.Kill();
            var atKill = receiver.All.Select(r => r.Id).Distinct().Count();
            await first.DisposeAsync();

            await using var second = await ServiceProcess.StartAsync(connectionString, settings);
            var expected = await NotificationIdsAsync(connectionString, schema);
            Assert.True(atKill < expected.Count, $"the kill came after every delivery ({atKill} of {expected.Count})");
            var received = await receiver.WaitAsync(r => r.Select(w => w.Id).Distinct().Count() >= expected.Count, TimeSpan.FromSeconds(180), $"{expected.Count} notifications");

            Assert.Equal(expected.Order(StringComparer.Ordinal), received.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
            foreach (var repeated in received.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            {
                Assert.Single(repeated.Select(r => r.Body).Distinct());
            }

            Deliveries.AssertInVersionOrderPerIncident(received);
            output.WriteLine($"{expected.Count} notifications, {atKill} delivered before SIGKILL, {received.Count - expected.Count} repeated after the restart (same webhook-id)");
        }
        finally
        {
            await ServiceProcess.DropSchemaAsync(connectionString, schema);
        }
    }

    private static async Task<IReadOnlyList<string>> NotificationIdsAsync(string connectionString, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT incident_id, version, ordinal FROM \"{schema}\".notifications");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add($"{reader.GetGuid(0)}:{reader.GetInt64(1)}:{reader.GetInt32(2)}");
        }

        return ids;
    }
}
