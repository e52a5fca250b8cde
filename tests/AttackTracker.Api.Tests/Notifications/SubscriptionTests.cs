using System.Net;
using System.Net.Http.Json;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Subscriptions: checked like every body, managed by editors only, with a secret shown once and rotated without a gap.</summary>
public sealed class SubscriptionTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    private static readonly string[] France = ["FR"];
    private static readonly string[] FigureChanged = ["figure.changed"];

    [Theory]
    [InlineData("{}", "url")]
    [InlineData("""{"url":"ftp://example.org/hook"}""", "url")]
    [InlineData("""{"url":"https://user:secret@example.org/hook"}""", "url")]
    [InlineData("""{"url":"http:///hook"}""", "url")]
    [InlineData("""{"url":"/relative/hook"}""", "url")]
    [InlineData("""{"url":"https://example.org/hook#part"}""", "url")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"kinds":["figure.moved"]}}""", "filter.kinds[0]")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"countries":["XX"]}}""", "filter.countries[0]")]
    [InlineData("""{"url":"https://example.org/hook","filter":{"incidentIds":[]}}""", "filter.incidentIds")]
    [InlineData("""{"url":"https://example.org/hook","description":"   "}""", null)]
    public async Task A_bad_subscription_is_a_400_naming_the_field_and_nothing_is_stored(string body, string? field)
    {
        var before = await host.CountAsync("webhook_subscriptions");
        var response = await host.CreateClient().PostJsonAsync("/api/subscriptions", body);
        if (field is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }

        await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Equal(before, await host.CountAsync("webhook_subscriptions"));
    }

    [Fact]
    public async Task The_secret_is_shown_once_editors_manage_subscriptions_and_readers_may_not()
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/subscriptions", new { url = "https://newsroom.example/hooks", filter = new { countries = France, kinds = FigureChanged } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        Assert.StartsWith("whsec_", (string)created["secret"]!, StringComparison.Ordinal);
        Assert.Equal($"/api/subscriptions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(ApiHost.EditorName, (string)created["owner"]!);

        var shown = await host.GetJsonAsync($"/api/subscriptions/{id}");
        Assert.Null(shown["secret"]);
        Assert.Equal("FR", (string)shown["filter"]!["countries"]![0]!);
        var listed = await host.GetJsonAsync("/api/subscriptions?pageSize=100");
        Assert.Contains(listed["items"]!.AsArray(), s => s!["id"]!.GetValue<Guid>() == id && s["secret"] is null);

        var reader = host.CreateClient(await host.CreateKeyAsync($"reader-{Guid.NewGuid():N}", Roles.Reader));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/subscriptions", new { url = "https://x.example/" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(apiKey: null).GetAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/subscriptions/{id}/secret", null)).StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_until_the_old_secret_expires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, old) = await host.SubscribeAsync(receiver.Url);
        var rotation = await host.CreateClient().PostAsync($"/api/subscriptions/{id}/secret", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = await rotation.ReadJsonAsync();
        var fresh = (string)rotated["secret"]!;
        Assert.NotEqual(old, fresh);
        Assert.True(rotated["previousSecretExpiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddHours(23));

        var incident = await host.CreateClient().OpenIncidentAsync();
        var webhook = (await receiver.WaitAsync(r => r.Any(w => w.IncidentId == incident), NotificationHost.Patience, "the opening")).First(w => w.IncidentId == incident);
        // The new secret's signature comes first. StandardWebhooks 1.1.2 stops before the last
        // signature of a header that has several (docs/notifications.md), so each is also checked on its own.
        webhook.Verify(fresh);
        Assert.Equal(2, webhook.Headers["webhook-signature"].ToString().Split(' ').Length);
        webhook.WithOnlySignature(0).Verify(fresh);
        webhook.WithOnlySignature(1).Verify(old);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => webhook.WithOnlySignature(1).Verify(fresh));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => webhook.Verify(Api.Notifications.WebhookStore.NewSecret()));
    }
}
