namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Subscribers are isolated: a receiver that hangs holds at most one delivery slot and is then parked, so a healthy one is not delayed (docs/notifications.md).</summary>
public sealed class WebhookIsolationTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    [Fact]
    public async Task A_hanging_receiver_does_not_delay_a_healthy_one_and_is_parked()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Respond = _ => release.Task;
        await using var healthy = await WebhookReceiver.StartAsync();
        var (stuck, _) = await host.SubscribeAsync(hanging.Url);
        var (fine, _) = await host.SubscribeAsync(healthy.Url);
        try
        {
            var client = host.CreateClient();
            var incidents = new List<Guid>();
            for (var i = 0; i < 40; i++)
            {
                incidents.Add(await client.OpenIncidentAsync());
            }

            var opened = DateTime.UtcNow;
            await healthy.WaitAsync(r => incidents.All(i => r.Any(w => w.IncidentId == i)), TimeSpan.FromSeconds(30), "the healthy receiver's notifications");
            var late = DateTime.UtcNow - opened;

            // With 4 slots and a 1 s timeout, sharing the slots left the healthy receiver about 10 s behind.
            Assert.True(late < TimeSpan.FromSeconds(4), $"the healthy receiver got its last notification {late.TotalSeconds:0.0} s after the last incident was opened");
            await Task.Delay(TimeSpan.FromSeconds(3));
            // Parked after 3 timeouts in a row (Webhooks:ParkAfter); sharing the slots, it was tried about 30 times by now.
            Assert.True(hanging.Arrived <= 6, $"the hanging receiver was not parked: it was tried {hanging.Arrived} times");
        }
        finally
        {
            release.TrySetResult(200);
            await host.CreateClient().DeleteAsync($"/api/subscriptions/{stuck}");
            await host.CreateClient().DeleteAsync($"/api/subscriptions/{fine}");
        }
    }
}
