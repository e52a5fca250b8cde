using System.Net;
using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// How webhooks are delivered (configuration section Webhooks, docs/notifications.md): the retry
/// schedule, the per-delivery timeout, the caps on deliveries in flight (in all, per subscription,
/// and for subscriptions whose receiver is failing), when a failing receiver is parked and for how
/// long, whether targets may be private addresses, the egress proxy, how long a rotated secret keeps
/// signing, and the caps on live feeds (in all and per client).
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
    /// <summary>Deliveries in flight at once to one subscription whose receiver answers.</summary>
    public int MaxInFlightPerSubscription { get; init; } = 4;

    /// <summary>Deliveries in flight at once, all together, to subscriptions whose receiver has just failed (a timeout, a refusal, a 5xx).</summary>
    public int MaxInFlightFailing { get; init; } = 4;

    /// <summary>Failed attempts in a row after which a subscription is parked (no delivery starts) for <see cref="ParkFor"/>.</summary>
    public int ParkAfter { get; init; } = 3;

    public TimeSpan ParkFor { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The egress proxy webhooks go through; null to connect directly.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>Live feeds one client (a key, or an address) may hold open at once.</summary>
    public int MaxLiveFeedsPerClient { get; init; } = 4;

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
        var inFlight = section.GetValue("MaxInFlight", 16) is var n and >= 1 and <= 1000 ? n : throw Invalid("MaxInFlight", "1 to 1000");
        return new WebhookSettings(
            retries,
            Positive(section, "Timeout", TimeSpan.FromSeconds(10)),
            inFlight,
            // A target on loopback or a private network is refused outside Development unless allowed:
            // an editor's key must not become a way into the service's own network.
            section.GetValue("AllowPrivateNetworks", environment.IsDevelopment()),
            Positive(section, "SecretOverlap", TimeSpan.FromHours(24)),
            Positive(section, "PollInterval", TimeSpan.FromSeconds(1)),
            section.GetValue("MaxLiveFeeds", 100) is var feeds and >= 1 ? feeds : throw Invalid("MaxLiveFeeds", "at least 1"))
        {
            MaxInFlightPerSubscription = section.GetValue("MaxInFlightPerSubscription", Math.Max(1, inFlight / 4)) is var per and >= 1 ? per : throw Invalid("MaxInFlightPerSubscription", "at least 1"),
            MaxInFlightFailing = section.GetValue("MaxInFlightFailing", Math.Max(1, inFlight / 4)) is var failing and >= 1 ? failing : throw Invalid("MaxInFlightFailing", "at least 1"),
            ParkAfter = section.GetValue("ParkAfter", 3) is var after and >= 1 ? after : throw Invalid("ParkAfter", "at least 1"),
            ParkFor = Positive(section, "ParkFor", TimeSpan.FromMinutes(1)),
            Proxy = ReadProxy(section["Proxy"]),
            MaxLiveFeedsPerClient = section.GetValue("MaxLiveFeedsPerClient", 4) is var perClient and >= 1 ? perClient : throw Invalid("MaxLiveFeedsPerClient", "at least 1"),
        };
    }

    /// <summary>
    /// Webhooks:Proxy: unset, the environment's proxy (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); "none",
    /// no proxy; an http URL, that proxy.
    /// </summary>
    private static IWebProxy? ReadProxy(string? setting) => setting switch
    {
        null or "" => HttpClient.DefaultProxy,
        "none" => null,
        _ when Uri.TryCreate(setting, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.UserInfo.Length == 0 => new WebProxy(uri),
        _ => throw Invalid("Proxy", "\"none\" or an http URL such as http://proxy.internal:3128 (without credentials)"),
    };

    private static TimeSpan Positive(IConfigurationSection section, string key, TimeSpan fallback) =>
        section.GetValue(key, fallback) is var value && value > TimeSpan.Zero ? value : throw Invalid(key, "a positive time span such as 00:00:05");

    private static InvalidOperationException Invalid(string key, string what) => new($"Webhooks:{key} must be {what}.");
}
