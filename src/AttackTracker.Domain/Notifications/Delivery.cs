namespace AttackTracker.Domain.Notifications;

/// <summary>What one attempt to deliver a webhook came to.</summary>
public enum AttemptResult
{
    /// <summary>A 2xx: the receiver has it.</summary>
    Delivered,

    /// <summary>Worth trying again: 408, 429, 5xx, a timeout, a refused or broken connection.</summary>
    Retry,

    /// <summary>Trying again would not help (another 4xx, a redirect, a refused address): dead-lettered at once.</summary>
    Permanent,
}

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="FirstDelay"/> by
/// <see cref="Factor"/>, capped at <see cref="MaxDelay"/>, with ±25 % jitter so that receivers
/// coming back are not hit by every retry at once; a receiver's Retry-After is honoured (waited at
/// least, up to <see cref="MaxRetryAfter"/>). After <see cref="MaxAttempts"/> attempts the
/// delivery is dead-lettered.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstDelay, double Factor, TimeSpan MaxDelay, int MaxAttempts)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>5 s, 15 s, 45 s, 2¼ min, 6¾ min, 20 min, 1 h, 3 h: 9 attempts over about 4½ hours.</summary>
    public static RetrySchedule Default { get; } = new(TimeSpan.FromSeconds(5), 3, TimeSpan.FromHours(3), 9);

    public static AttemptResult Classify(int status) => status switch
    {
        >= 200 and < 300 => AttemptResult.Delivered,
        408 or 429 or >= 500 => AttemptResult.Retry,
        _ => AttemptResult.Permanent,
    };

    /// <summary>
    /// The wait before the next attempt after <paramref name="failedAttempts"/> failures (1 after the
    /// first), or null when none is left. <paramref name="random"/> is in [0, 1).
    /// </summary>
    public TimeSpan? DelayAfter(int failedAttempts, TimeSpan? retryAfter, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts >= MaxAttempts)
        {
            return null;
        }

        var backoff = FirstDelay.TotalMilliseconds * Math.Pow(Factor, failedAttempts - 1);
        var capped = Math.Min(backoff, MaxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(capped * (0.75 + (0.5 * Math.Clamp(random, 0, 1))));
        if (retryAfter is { } asked && asked > jittered)
        {
            return asked < MaxRetryAfter ? asked : MaxRetryAfter;
        }

        return jittered;
    }

    /// <summary>The delays of the whole schedule without jitter: the table in docs/notifications.md.</summary>
    public IReadOnlyList<TimeSpan> Nominal() =>
        [.. Enumerable.Range(1, Math.Max(0, MaxAttempts - 1)).Select(n => TimeSpan.FromMilliseconds(Math.Min(FirstDelay.TotalMilliseconds * Math.Pow(Factor, n - 1), MaxDelay.TotalMilliseconds)))];
}
