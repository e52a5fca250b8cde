using System.Net;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Security;

public sealed class RateLimitedHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimit:PermitsPerSecond"] = "1",
        ["RateLimit:Burst"] = "3",
    };
}

public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Past_its_burst_a_key_gets_429_with_retry_after()
    {
        var client = host.CreateClient(await host.CreateKeyAsync("busy", Roles.Reader));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/api/incidents"));
        }

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
        Assert.True(limited.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(apiKey: null).GetAsync("/health")).StatusCode);
    }
}
