using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Notifications;

/// <summary>A subscription as the dispatcher signs and filters with it.</summary>
public sealed record Subscription(
    Guid Id, Uri Url, string? Description, string Owner, SubscriptionFilter Filter,
    string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt)
{
    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and a rotated one until it expires.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}

/// <summary>How a subscription's deliveries stand.</summary>
public sealed record DeliveryStatus(int IncidentsPending, int IncidentsRetrying, int DeadLetters, string? LastError, DateTimeOffset? LastAttemptAt);

/// <summary>A subscription as the API shows it. The secret is only in the answers of create and rotate.</summary>
public sealed record SubscriptionView(
    Guid Id, string Url, string? Description, string Owner, SubscriptionFilter Filter, DateTimeOffset CreatedAt,
    DateTimeOffset? PreviousSecretExpiresAt, DeliveryStatus Delivery, string? Secret = null);

public enum DeadLetterState
{
    Dead,
    Replaying,
    Delivered,
}

/// <summary>A delivery that ran out of attempts or was refused, with the notification it carries.</summary>
public sealed record DeadLetterView(
    Guid Id, Guid SubscriptionId, string WebhookId, Guid IncidentId, long Version, string Kind, int Attempts, string LastError,
    DateTimeOffset DeadAt, DeadLetterState State, DateTimeOffset? DeliveredAt, System.Text.Json.JsonElement Notification);

/// <summary>One notification ready to send: its webhook id and its exact body.</summary>
public sealed record PendingNotification(Guid IncidentId, long Version, int Ordinal, string Kind, string Body)
{
    public string WebhookId => NotificationEnvelope.IdOf(IncidentId, Version, Ordinal);
}

/// <summary>Where a subscription stands with an incident, and the next notification to deliver, if any.</summary>
public sealed record CursorState(long Wake, int Attempts, PendingNotification? Next);

/// <summary>A dead letter being replayed.</summary>
public sealed record ReplayState(Guid Id, Guid SubscriptionId, int ReplayAttempts, int Attempts, PendingNotification Notification);

/// <summary>Work the dispatcher may start: a subscription's deliveries for one incident, or one replay.</summary>
public sealed record DueWork(Guid SubscriptionId, Guid IncidentId, Guid? DeadLetterId)
{
    public string Key => DeadLetterId is { } id ? $"replay:{id}" : $"{SubscriptionId}:{IncidentId}";
}
