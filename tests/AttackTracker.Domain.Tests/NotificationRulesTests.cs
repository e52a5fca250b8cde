using AttackTracker.Domain.Notifications;

namespace AttackTracker.Domain.Tests;

/// <summary>The pure rules of issue 11: retry schedule, what is retried, subscription targets and filters.</summary>
public sealed class NotificationRulesTests
{
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(5), 3, TimeSpan.FromMinutes(10), 5);

    [Theory]
    [InlineData(200, AttemptResult.Delivered)]
    [InlineData(204, AttemptResult.Delivered)]
    [InlineData(408, AttemptResult.Retry)]
    [InlineData(429, AttemptResult.Retry)]
    [InlineData(500, AttemptResult.Retry)]
    [InlineData(503, AttemptResult.Retry)]
    [InlineData(301, AttemptResult.Permanent)]
    [InlineData(400, AttemptResult.Permanent)]
    [InlineData(401, AttemptResult.Permanent)]
    [InlineData(404, AttemptResult.Permanent)]
    [InlineData(410, AttemptResult.Permanent)]
    public void Only_408_429_and_5xx_are_retried(int status, AttemptResult expected) => Assert.Equal(expected, RetrySchedule.Classify(status));

    [Fact]
    public void Backoff_grows_by_the_factor_up_to_the_cap_within_the_jitter_and_ends_after_the_last_attempt()
    {
        Assert.Equal(TimeSpan.FromSeconds(5 * 0.75), Schedule.DelayAfter(1, null, 0));
        Assert.Equal(TimeSpan.FromSeconds(5 * 1.25), Schedule.DelayAfter(1, null, 1));
        Assert.Equal(TimeSpan.FromSeconds(45), Schedule.DelayAfter(3, null, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(135), Schedule.DelayAfter(4, null, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30 * 1.25), (Schedule with { MaxDelay = TimeSpan.FromSeconds(30) }).DelayAfter(4, null, 1));
        Assert.Null(Schedule.DelayAfter(5, null, 0.5));
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(135)], Schedule.Nominal());
    }

    [Fact]
    public void Retry_After_is_waited_at_least_but_never_longer_than_a_day()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), Schedule.DelayAfter(1, TimeSpan.FromSeconds(120), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), Schedule.DelayAfter(1, TimeSpan.FromSeconds(1), 0.5));
        Assert.Equal(RetrySchedule.MaxRetryAfter, Schedule.DelayAfter(1, TimeSpan.FromDays(30), 0.5));
        Assert.Null(Schedule.DelayAfter(5, TimeSpan.FromSeconds(1), 0.5));
    }

    [Fact]
    public void The_default_schedule_tries_nine_times_over_about_four_and_a_half_hours()
    {
        var delays = RetrySchedule.Default.Nominal();
        Assert.Equal(8, delays.Count);
        Assert.InRange(delays.Aggregate(TimeSpan.Zero, (a, b) => a + b), TimeSpan.FromHours(4), TimeSpan.FromHours(5));
    }

    [Theory]
    [InlineData("https://newsroom.example/hooks", true)]
    [InlineData("http://127.0.0.1:8080/hooks?token=x", true)]
    [InlineData("ftp://newsroom.example/hooks", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://user:pw@newsroom.example/hooks", false)]
    [InlineData("https://user@newsroom.example/hooks", false)]
    [InlineData("https:///hooks", false)]
    [InlineData("/hooks", false)]
    [InlineData("https://newsroom.example/hooks#x", false)]
    [InlineData("", false)]
    public void A_target_is_an_absolute_http_or_https_url_with_a_host_and_no_credentials(string url, bool valid)
    {
        var errors = new ValidationErrors();
        var uri = SubscriptionRules.Target("url", url, errors);
        Assert.Equal(valid, uri is not null);
        Assert.Equal(valid, errors.IsEmpty);
    }

    [Fact]
    public void A_filter_names_each_bad_item_and_an_absent_list_matches_everything()
    {
        var errors = new ValidationErrors();
        var filter = SubscriptionRules.Filter("filter", new SubscriptionFilterRequest([Guid.Empty], ["FR", "XX"], ["figure.changed", "toll.moved"]), errors);
        Assert.Null(filter);
        Assert.Equal(["filter.incidentIds[0]", "filter.countries[1]", "filter.kinds[1]"], errors.ToDictionary().Keys);

        var incident = Guid.NewGuid();
        var everything = SubscriptionRules.Filter("filter", null, new ValidationErrors())!;
        Assert.True(everything.Matches(incident, null, ChangeNotifications.FactRetracted));
        var french = SubscriptionRules.Filter("filter", new SubscriptionFilterRequest(null, ["FR", "FR"], [ChangeNotifications.FigureDisputed]), new ValidationErrors())!;
        Assert.Equal(["FR"], french.Countries);
        Assert.True(french.Matches(incident, "FR", ChangeNotifications.FigureDisputed));
        Assert.False(french.Matches(incident, "DE", ChangeNotifications.FigureDisputed));
        Assert.False(french.Matches(incident, "FR", ChangeNotifications.FigureChanged));
        Assert.False(french.Matches(incident, null, ChangeNotifications.FigureDisputed));
    }

    [Fact]
    public void Notification_ids_are_stable_per_commit_and_ordinal()
    {
        var incident = Guid.Parse("0b5f3c1e-2d4a-4e6b-8c9d-0e1f2a3b4c5d");
        Assert.Equal("0b5f3c1e-2d4a-4e6b-8c9d-0e1f2a3b4c5d:7:2", NotificationEnvelope.IdOf(incident, 7, 2));
    }
}
