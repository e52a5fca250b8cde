using System.Net;

namespace AttackTracker.Api.Tests.Security;

/// <summary>
/// What a request meets before any endpoint (docs/security.md): a CORS preflight is answered at
/// once, and /health, open and never rate-limited, looks up no key.
/// </summary>
public sealed class EntryPointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_looks_up_no_key_so_keys_cannot_be_tried_there_unlimited()
    {
        var lookups = 0;
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string;
                if (text is not null && text.Contains(host.Schema, StringComparison.Ordinal) && text.Contains("api_keys", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref lookups);
                }
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await host.Answers(HttpStatusCode.Unauthorized, s => s.WithKey("atk_not_a_key_0").Get.Url("/api/sources"));
        Assert.True(Volatile.Read(ref lookups) > 0, "the lookup of a key on /api was not seen: the commands' tracing did not reach the test");
        var seen = Volatile.Read(ref lookups);

        for (var i = 1; i <= 20; i++)
        {
            var key = $"atk_not_a_key_{i}";
            await host.Answers(HttpStatusCode.OK, s => s.WithKey(key).Get.Url("/health"));
        }

        Assert.Equal(seen, Volatile.Read(ref lookups));
    }

    [Fact]
    public async Task A_cors_preflight_is_a_204_without_any_grant_when_no_origin_is_configured()
    {
        var response = await host.Answers(HttpStatusCode.NoContent, s => s.Preflight("https://elsewhere.example"));

        Assert.DoesNotContain(response.Context.Response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}
