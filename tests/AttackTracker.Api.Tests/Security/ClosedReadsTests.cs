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

        await host.Answers(HttpStatusCode.Unauthorized, s => s.WithKey(null).Get.Url("/api/incidents"));
        await host.Answers(HttpStatusCode.OK, s => s.WithKey(reader).Get.Url("/api/incidents"));
        await host.Answers(HttpStatusCode.OK, s => s.WithKey(null).Get.Url("/health"));
    }

    [Fact]
    public async Task A_configured_origin_is_granted_and_others_are_not()
    {
        await host.Scenario(s =>
        {
            s.Get.Url("/api/incidents");
            s.WithRequestHeader("Origin", "https://newsroom.example");
            s.Header("Access-Control-Allow-Origin").SingleValueShouldEqual("https://newsroom.example");
        });
        await host.Scenario(s =>
        {
            s.Get.Url("/api/incidents");
            s.WithRequestHeader("Origin", "https://elsewhere.example");
            s.Header("Access-Control-Allow-Origin").ShouldNotBeWritten();
        });
    }

    [Theory]
    [InlineData("https://newsroom.example", true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task A_preflight_is_a_204_granted_only_to_a_configured_origin(string origin, bool granted)
    {
        var response = await host.Answers(HttpStatusCode.NoContent, s => s.Preflight(origin));

        Assert.Equal(granted, response.Context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }
}
