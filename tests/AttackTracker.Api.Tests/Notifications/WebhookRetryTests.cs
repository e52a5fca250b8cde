using System.Net;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Deliveries to receivers that fail, refuse or stall: retried with backoff, dead-lettered, replayed, and never holding up the others.</summary>
public sealed class WebhookRetryTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    [Fact]
    public async Task A_receiver_that_was_down_gets_everything_in_version_order_once_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = receiver.Port;
        await host.SubscribeAsync(receiver.Url);
        await receiver.StopAsync();

        var client = host.CreateClient();
        var incidents = new[] { await client.OpenIncidentAsync(), await client.OpenIncidentAsync() };
        for (var n = 0; n < 3; n++)
        {
            foreach (var incident in incidents)
            {
                await client.SubmitReportAsync(incident, ReportBodies.Casualties($"{n + 3}", source: $"Outlet {n}"));
            }
        }

        // Down for less than the 4 attempts take (200, 400 and 800 ms ±25 % apart): retried, not dead-lettered.
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        await receiver.StartAsync(port);
        var expected = await host.NotificationIdsAsync(incidents);
        var received = await receiver.WaitAsync(r => r.Select(w => w.Id).Distinct().Count() >= expected.Count, NotificationHost.Patience, $"{expected.Count} notifications");

        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        Deliveries.AssertInVersionOrderPerIncident(received);
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_in_the_dead_letters_and_a_replay_delivers_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        var (subscription, secret) = await host.SubscribeAsync(receiver.Url);
        var incident = await host.CreateClient().OpenIncidentAsync();
        var attempts = await receiver.WaitAsync(r => r.Count(w => w.IncidentId == incident) >= NotificationHost.MaxAttempts, NotificationHost.Patience, "every attempt");
        var id = attempts.First(w => w.IncidentId == incident).Id;

        var letters = await host.WaitForDeadLettersAsync(subscription, 1);
        var letter = Assert.Single(letters);
        Assert.Equal((id, NotificationHost.MaxAttempts, "HTTP 500", "dead"), ((string)letter!["webhookId"]!, (int)letter["attempts"]!, (string)letter["lastError"]!, (string)letter["state"]!));
        Assert.Equal("incident.opened", (string)letter["notification"]!["type"]!);
        var status = await host.GetJsonAsync($"/api/subscriptions/{subscription}");
        Assert.Equal(1, (int)status["delivery"]!["deadLetters"]!);

        receiver.Respond = _ => Task.FromResult(204);
        var replay = await host.CreateClient().PostAsync($"/api/subscriptions/{subscription}/dead-letters/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, (int)(await replay.ReadJsonAsync())["queued"]!);
        var delivered = (await receiver.WaitAsync(r => r.Any(w => w.Id == id && w.Answered == 204), NotificationHost.Patience, "the replay")).Single(w => w.Answered == 204);
        delivered.Verify(secret);
        Assert.Equal(attempts.First(w => w.Id == id).Body, delivered.Body);
        Assert.Equal(NotificationHost.MaxAttempts, attempts.Count(w => w.Id == id && w.Answered == 500));
        await NotificationHost.WaitUntilAsync(async () => (string)(await host.GetJsonAsync($"/api/subscriptions/{subscription}/dead-letters"))["items"]![0]!["state"]! == "delivered", "the dead letter marked delivered");
    }

    [Fact]
    public async Task A_4xx_is_dead_lettered_at_once_and_a_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var refusing = await WebhookReceiver.StartAsync();
        refusing.Respond = _ => Task.FromResult(400);
        var (refused, _) = await host.SubscribeAsync(refusing.Url);
        await using var busy = await WebhookReceiver.StartAsync();
        var calls = 0;
        busy.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 429 : 200);
        busy.AnswerHeaders["Retry-After"] = "2";
        await host.SubscribeAsync(busy.Url);

        var incident = await host.CreateClient().OpenIncidentAsync();
        var letter = Assert.Single(await host.WaitForDeadLettersAsync(refused, 1));
        Assert.Equal((1, "dead"), ((int)letter!["attempts"]!, (string)letter["state"]!));
        Assert.StartsWith("HTTP 400", (string)letter["lastError"]!, StringComparison.Ordinal);

        var tries = (await busy.WaitAsync(r => r.Any(w => w.IncidentId == incident && w.Answered == 200), NotificationHost.Patience, "the second try")).Where(w => w.IncidentId == incident).ToList();
        Assert.Equal([429, 200], tries.Select(t => t.Answered));
        Assert.True(tries[1].At - tries[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(tries[1].At - tries[0].At).TotalMilliseconds} ms");
        await Task.Delay(500);
        Assert.Single(refusing.All, w => w.IncidentId == incident);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_cut_off_and_does_not_hold_up_the_others()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        slow.Respond = async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return 200;
        };
        var (slowSubscription, _) = await host.SubscribeAsync(slow.Url);
        await using var fast = await WebhookReceiver.StartAsync();
        await host.SubscribeAsync(fast.Url);

        var client = host.CreateClient();
        var incidents = new[] { await client.OpenIncidentAsync(), await client.OpenIncidentAsync(), await client.OpenIncidentAsync() };
        var started = DateTime.UtcNow;
        await fast.WaitAsync(r => incidents.All(i => r.Any(w => w.IncidentId == i)), TimeSpan.FromSeconds(5), "the fast receiver's notifications");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the fast receiver waited for the slow one");

        await NotificationHost.WaitUntilAsync(async () => (string?)(await host.GetJsonAsync($"/api/subscriptions/{slowSubscription}"))["delivery"]!["lastError"] is { } error && error.StartsWith("no answer within 1 s", StringComparison.Ordinal), "the timeout recorded");
    }
}
