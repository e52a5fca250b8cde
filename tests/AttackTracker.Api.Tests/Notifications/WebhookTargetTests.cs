using System.Net;
using AttackTracker.Api.Notifications;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>Targets on loopback or a private network are refused unless Webhooks:AllowPrivateNetworks says otherwise.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void Private_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, WebhookSender.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task Outside_Development_a_loopback_target_is_refused_when_connecting_and_dead_lettered_at_once()
    {
        await using var host = new ApiHost();
        await host.InitializeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var response = await host.CreateClient().PostAsync("/api/subscriptions", System.Net.Http.Json.JsonContent.Create(new { url = receiver.Url.ToString() }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subscription = (await response.ReadJsonAsync())["id"]!.GetValue<Guid>();
        await host.CreateClient().OpenIncidentAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        System.Text.Json.Nodes.JsonArray letters;
        do
        {
            await Task.Delay(200);
            letters = System.Text.Json.Nodes.JsonNode.Parse(await host.CreateClient().GetStringAsync($"/api/subscriptions/{subscription}/dead-letters"))!["items"]!.AsArray();
        }
        while (letters.Count == 0 && DateTime.UtcNow < deadline);

        var letter = Assert.Single(letters);
        Assert.Equal(1, (int)letter!["attempts"]!);
        Assert.Contains("private network", (string)letter["lastError"]!, StringComparison.Ordinal);
        Assert.Empty(receiver.All);
    }
}
