using System.Diagnostics;
using System.Net;
using AttackTracker.Api.Keys;

namespace AttackTracker.Api.Tests.Notifications;

public sealed class LiveFeedHost : NotificationHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Webhooks:MaxLiveFeedsPerClient"] = "2",
    };
}

/// <summary>Live feeds (GET /api/changes): a limit per client, idle feeds that cost nothing, and a Last-Event-ID from elsewhere refused (docs/notifications.md).</summary>
public sealed class LiveFeedTests(LiveFeedHost host) : IClassFixture<LiveFeedHost>
{
    [Fact]
    public async Task A_client_holds_at_most_its_share_of_live_feeds_and_others_are_still_served()
    {
        var client = host.CreateClient(await host.CreateKeyAsync($"feeds-{Guid.NewGuid():N}", Roles.Reader));
        using var first = await OpenAsync(client);
        using var second = await OpenAsync(client);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));

        using var third = await OpenAsync(client);
        await ProblemAssert.IsProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.NotNull(third.Headers.RetryAfter);
        using var another = await OpenAsync(host.CreateClient(await host.CreateKeyAsync($"feeds-{Guid.NewGuid():N}", Roles.Reader)));
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);

        first.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage again;
        while ((again = await OpenAsync(client)).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            again.Dispose();
            await Task.Delay(100);
        }

        using (again)
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
    }

    [Fact]
    public async Task Idle_live_feeds_cost_no_queries_of_their_own()
    {
        var reads = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string;
                if (text is not null && text.Contains(host.Schema, StringComparison.Ordinal) && text.Contains(Api.Notifications.ChangeFeedHorizon.ProgressName, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref reads);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var feeds = new List<HttpResponseMessage>();
        try
        {
            feeds.Add(await OpenAsync(host.CreateClient()));
            var one = await CountAsync(() => Volatile.Read(ref reads));
            for (var i = 0; i < 9; i++)
            {
                feeds.Add(await OpenAsync(host.CreateClient(await host.CreateKeyAsync($"idle-{Guid.NewGuid():N}", Roles.Reader))));
            }

            var ten = await CountAsync(() => Volatile.Read(ref reads));

            Assert.All(feeds, f => Assert.Equal(HttpStatusCode.OK, f.StatusCode));
            Assert.True(one > 0, "no read of the horizon was seen: the commands' tracing did not reach the test");
            // Polling each on its own, ten idle feeds read the horizon ten times as often as one (about 600 reads in 3 s here).
            Assert.True(ten <= one + 20, $"one idle feed: {one} reads of the horizon in 3 s; ten: {ten}");
        }
        finally
        {
            feeds.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("Last-Event-ID")]
    [InlineData("after")]
    public async Task An_event_id_past_the_feeds_position_is_a_400_not_a_silent_wait(string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, field == "after" ? "/api/changes?after=999999999-0" : "/api/changes");
        if (field != "after")
        {
            request.Headers.TryAddWithoutValidation(field, "999999999-0");
        }

        using var response = await host.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var problem = await ProblemAssert.IsValidationProblemAsync(response, field);
        Assert.Contains("past the feed's current position", problem["errors"]![field]![0]!.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/changes"), HttpCompletionOption.ResponseHeadersRead);

    /// <summary>How much <paramref name="counter"/> grows in 3 s, after 1 s to settle.</summary>
    private static async Task<int> CountAsync(Func<int> counter)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = counter();
        await Task.Delay(TimeSpan.FromSeconds(3));
        return counter() - before;
    }
}
