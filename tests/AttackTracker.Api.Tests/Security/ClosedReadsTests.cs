using System.Net;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Security;

public sealed class ClosedReadsHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:ReadsRequireKey"] = "true",
        ["Cors:AllowedOrigins:0"] = "https://newsroom.example",
    };
}

public sealed class ClosedReadsTests(ClosedReadsHost host) : IClassFixture<ClosedReadsHost>
{
    [Fact]
    public async Task With_reads_closed_a_read_needs_a_key()
    {
        var reader = await host.CreateKeyAsync("reader", Roles.Reader);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(apiKey: null).GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(reader).GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(apiKey: null).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_is_granted_and_others_are_not()
    {
        async Task<HttpResponseMessage> FromAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
            request.Headers.Add("Origin", origin);
            return await host.CreateClient().SendAsync(request);
        }

        var allowed = await FromAsync("https://newsroom.example");
        var other = await FromAsync("https://elsewhere.example");

        Assert.Equal("https://newsroom.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://newsroom.example", true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task A_preflight_is_a_204_granted_only_to_a_configured_origin(string origin, bool granted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/incidents");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");

        var response = await host.CreateClient(apiKey: null).SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(granted, response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
