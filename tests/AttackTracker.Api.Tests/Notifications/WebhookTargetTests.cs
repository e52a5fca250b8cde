using System.Net;
using System.Net.Http.Json;
using AttackTracker.Api.Notifications;

namespace AttackTracker.Api.Tests.Notifications;

/// <summary>A service whose webhooks go out through an egress proxy (Webhooks:Proxy), here a receiver on loopback playing the proxy.</summary>
public sealed class ProxiedHost(Uri proxy) : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Webhooks:Proxy"] = proxy.GetLeftPart(UriPartial.Authority),
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:Timeout"] = "00:00:02",
    };
}

/// <summary>
/// Targets on loopback, private or otherwise special networks are refused unless
/// Webhooks:AllowPrivateNetworks says otherwise; the check looks at the receiver, also behind a proxy.
/// </summary>
public sealed class WebhookTargetTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("192.0.0.8", true)]
    [InlineData("192.0.2.10", true)]
    [InlineData("198.18.0.1", true)]
    [InlineData("198.19.255.254", true)]
    [InlineData("198.51.100.7", true)]
    [InlineData("203.0.113.9", true)]
    [InlineData("192.88.99.1", true)]
    [InlineData("240.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("224.0.0.251", true)]
    [InlineData("::1", true)]
    [InlineData("::", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fec0::1", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("::127.0.0.1", true)]
    [InlineData("::10.0.0.1", true)]
    [InlineData("::93.184.216.34", true)]
    [InlineData("64:ff9b::7f00:1", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("64:ff9b::c612:1", true)]
    [InlineData("64:ff9b:1::5db8:d822", true)]
    [InlineData("2002:7f00:1::", true)]
    [InlineData("2002:a00:1::1", true)]
    [InlineData("2002:c000:201::", true)]
    [InlineData("2001::1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("3fff::1", true)]
    [InlineData("100::1", true)]
    [InlineData("5f00::1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("198.20.0.1", false)]
    [InlineData("192.0.3.1", false)]
    [InlineData("::ffff:93.184.216.34", false)]
    [InlineData("64:ff9b::5db8:d822", false)]
    [InlineData("2002:5db8:d822::1", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void Closed_addresses_are_recognised_also_inside_ipv6(string address, bool closed) =>
        Assert.Equal(closed, TargetAddresses.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task Outside_Development_a_private_target_and_a_name_that_does_not_resolve_fail_alike_and_nothing_is_sent()
    {
        await using var host = new ApiHost();
        await host.InitializeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var loopback = await SubscribeAsync(host, receiver.Url.ToString());
        var nowhere = await SubscribeAsync(host, "http://no-such-host.invalid/hooks");
        await host.CreateClient().OpenIncidentAsync();

        var loopbackError = await LastErrorAsync(host, loopback);
        var nowhereError = await LastErrorAsync(host, nowhere);

        Assert.Equal(WebhookSender.Unreachable("127.0.0.1"), loopbackError);
        Assert.Equal(nowhereError.Replace("no-such-host.invalid", "127.0.0.1", StringComparison.Ordinal), loopbackError);
        Assert.Empty(receiver.All);
    }

    [Fact]
    public async Task Behind_an_egress_proxy_the_check_looks_at_the_receiver_not_the_proxy()
    {
        await using var proxy = await WebhookReceiver.StartAsync();
        await using var host = new ProxiedHost(proxy.Url);
        await host.InitializeAsync();
        await SubscribeAsync(host, "http://93.184.216.34/hooks");
        var first = await host.CreateClient().OpenIncidentAsync();
        await proxy.WaitAsync(r => r.Any(w => w.IncidentId == first), Patience, "the first webhook relayed by the proxy");

        // The connection to the proxy is pooled now: the next request to a closed receiver would reuse it.
        var closed = await SubscribeAsync(host, "http://10.1.2.3/hooks");
        var incident = await host.CreateClient().OpenIncidentAsync();
        var relayed = await proxy.WaitAsync(r => r.Any(w => w.IncidentId == incident), Patience, "the webhook relayed by the proxy");

        Assert.All(relayed, w => Assert.Equal("93.184.216.34", w.Headers.Host.ToString()));
        Assert.Equal(WebhookSender.Unreachable("10.1.2.3"), await LastErrorAsync(host, closed));
        Assert.DoesNotContain(proxy.All, w => w.Headers.Host.ToString().StartsWith("10.", StringComparison.Ordinal));
    }

    private static async Task<Guid> SubscribeAsync(ApiHost host, string url)
    {
        var response = await host.CreateClient().PostAsJsonAsync("/api/subscriptions", new { url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync())["id"]!.GetValue<Guid>();
    }

    private static async Task<string> LastErrorAsync(ApiHost host, Guid subscription)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var shown = await host.CreateClient().GetJsonAsync($"/api/subscriptions/{subscription}");
            if ((string?)shown["delivery"]!["lastError"] is { } error)
            {
                return error;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no attempt recorded for {subscription}: {shown.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
