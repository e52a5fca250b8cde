using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Who manages which subscriptions (docs/notifications.md#subscriptions): an analyst its own, for the incidents it follows; an editor all.</summary>
public sealed class SubscriptionAccessTests(NotificationHost host) : IClassFixture<NotificationHost>
{
    [Fact]
    public async Task An_analyst_subscribes_to_the_incidents_it_follows_and_manages_only_its_own_subscriptions()
    {
        var editor = host.CreateClient();
        var theirs = (await (await editor.PostAsJsonAsync("/api/subscriptions", new { url = "https://desk.example/hooks" })).ReadJsonAsync())["id"]!.GetValue<Guid>();
        var name = $"analyst-{Guid.NewGuid():N}";
        var analyst = host.CreateClient(await host.CreateKeyAsync(name, Roles.Analyst));
        var incident = await editor.OpenIncidentAsync();

        var everything = await analyst.PostAsJsonAsync("/api/subscriptions", new { url = "https://analyst.example/hooks" });
        await ProblemAssert.IsValidationProblemAsync(everything, "filter.incidentIds");
        var created = await analyst.PostAsJsonAsync("/api/subscriptions", new { url = "https://analyst.example/hooks", filter = new { incidentIds = new[] { incident } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var mine = body["id"]!.GetValue<Guid>();
        Assert.Equal(name, (string)body["owner"]!);

        var listed = (await analyst.GetFromJsonAsync<JsonObject>("/api/subscriptions?pageSize=100"))!["items"]!.AsArray();
        Assert.Equal([mine], listed.Select(s => s!["id"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"/api/subscriptions/{mine}/secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/subscriptions/{mine}/dead-letters")).StatusCode);
        foreach (var (method, path) in new[] { ("GET", ""), ("POST", "/secret"), ("GET", "/dead-letters"), ("POST", "/dead-letters/replay"), ("DELETE", "") })
        {
            var response = await analyst.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/subscriptions/{theirs}{path}"));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} on another key's subscription: {(int)response.StatusCode}");
        }

        var all = (await host.GetJsonAsync("/api/subscriptions?pageSize=100"))["items"]!.AsArray().Select(s => s!["id"]!.GetValue<Guid>()).ToList();
        Assert.Contains(mine, all);
        Assert.Contains(theirs, all);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/subscriptions/{theirs}")).StatusCode);
    }
}
