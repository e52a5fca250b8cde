using System.Net;
using Alba;
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
        var key = await host.CreateKeyAsync("busy", Roles.Reader);

        var responses = new List<IScenarioResult>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await host.Scenario(s =>
            {
                s.WithKey(key).Get.Url("/api/incidents");
                s.IgnoreStatusCode();
            }));
        }

        var limited = responses.First(r => r.Context.Response.StatusCode == (int)HttpStatusCode.TooManyRequests).Context.Response;
        Assert.Equal((int)HttpStatusCode.OK, responses[0].Context.Response.StatusCode);
        Assert.True(TimeSpan.FromSeconds(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture)) >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", System.Net.Http.Headers.MediaTypeHeaderValue.Parse(limited.ContentType!).MediaType);
        await host.Answers(HttpStatusCode.OK, s => s.WithKey(null).Get.Url("/health"));
    }
}
