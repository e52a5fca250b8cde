using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// How webhooks are delivered (configuration section Webhooks, docs/notifications.md): the retry
/// schedule, the per-delivery timeout, the cap on deliveries in flight, whether targets may be
/// private addresses, and how long a rotated secret keeps signing.
/// </summary>
public sealed record WebhookSettings(
    RetrySchedule Retries,
    TimeSpan Timeout,
    int MaxInFlight,
    bool AllowPrivateNetworks,
    TimeSpan SecretOverlap,
    TimeSpan PollInterval,
    int MaxLiveFeeds)
{
    public static WebhookSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection("Webhooks");
        var defaults = RetrySchedule.Default;
        var retries = new RetrySchedule(
            Positive(section, "FirstRetryDelay", defaults.FirstDelay),
            section.GetValue("BackoffFactor", defaults.Factor) is var factor and >= 1 ? factor : throw Invalid("BackoffFactor", "at least 1"),
            Positive(section, "MaxRetryDelay", defaults.MaxDelay),
            section.GetValue("MaxAttempts", defaults.MaxAttempts) is var attempts and >= 1 and <= 100 ? attempts : throw Invalid("MaxAttempts", "1 to 100"));
        return new WebhookSettings(
            retries,
            Positive(section, "Timeout", TimeSpan.FromSeconds(10)),
            section.GetValue("MaxInFlight", 16) is var inFlight and >= 1 and <= 1000 ? inFlight : throw Invalid("MaxInFlight", "1 to 1000"),
            // A target on loopback or a private network is refused outside Development unless allowed:
            // an editor's key must not become a way into the service's own network.
            section.GetValue("AllowPrivateNetworks", environment.IsDevelopment()),
            Positive(section, "SecretOverlap", TimeSpan.FromHours(24)),
            Positive(section, "PollInterval", TimeSpan.FromSeconds(1)),
            section.GetValue("MaxLiveFeeds", 100) is var feeds and >= 1 ? feeds : throw Invalid("MaxLiveFeeds", "at least 1"));
    }

    private static TimeSpan Positive(IConfigurationSection section, string key, TimeSpan fallback) =>
        section.GetValue(key, fallback) is var value && value > TimeSpan.Zero ? value : throw Invalid(key, "a positive time span such as 00:00:05");

    private static InvalidOperationException Invalid(string key, string what) => new($"Webhooks:{key} must be {what}.");
}
