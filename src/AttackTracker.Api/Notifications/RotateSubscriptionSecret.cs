using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

/// <summary>A new signing secret, shown once; the one before keeps signing beside it until <see cref="PreviousSecretExpiresAt"/>.</summary>
public sealed record SubscriptionSecret(Guid Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);

public static class RotateSubscriptionSecretEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<SubscriptionSecret>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("Rotates a subscription's signing secret: the answer carries the new one, once; deliveries carry both signatures until the old one expires.");
    }

    [WolverinePost("/api/subscriptions/{id}/secret", OperationId = "rotateSubscriptionSecret")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(Guid id, WebhookStore webhooks, WebhookSettings settings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(settings);
        return await webhooks.RotateAsync(id, SubscriptionAccess.Owner(user), settings.SecretOverlap, cancellationToken) is { } rotated
            ? TypedResults.Ok(new SubscriptionSecret(id, rotated.Secret, rotated.PreviousExpiresAt))
            : Problems.NotFound($"Subscription {id}");
    }
}
