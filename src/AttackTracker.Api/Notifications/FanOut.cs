using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Wolverine's handler of the outbox message: marks each subscription that wants the commit as
/// having work for the incident. It runs from the durable local queue, so a crash between the
/// commit and here only delays it; running it twice is harmless.
/// </summary>
public static class IncidentChangedHandler
{
    /// <summary>
    /// Never given up: Wolverine's default is three attempts, then its dead-letter table, which
    /// would leave the commit's notifications unsent. A database that is away is waited out.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.OnAnyException()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30));
    }

    public static async Task Handle(IncidentChanged message, WebhookDeliveries webhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        await webhooks.FanOutAsync(message, cancellationToken);
    }
}
