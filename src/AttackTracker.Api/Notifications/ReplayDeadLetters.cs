using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

/// <summary>How many dead letters were queued for replay.</summary>
public sealed record ReplayQueued(int Queued);

public static class ReplayDeadLettersEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ReplayQueued>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("Queues every dead letter of a subscription that was not delivered for delivery again, with the same webhook-id and a fresh retry schedule.");
    }

    [WolverinePost("/api/subscriptions/{id}/dead-letters/replay", OperationId = "replayDeadLetters")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(Guid id, WebhookStore webhooks, WebhookDeadLetters deadLetters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(deadLetters);
        if (!await webhooks.ExistsAsync(id, SubscriptionAccess.Owner(user), cancellationToken))
        {
            return Problems.NotFound($"Subscription {id}");
        }

        return TypedResults.Accepted(SubscriptionPaths.Of(id) + "/dead-letters", new ReplayQueued(await deadLetters.ReplayAsync(id, null, cancellationToken)));
    }
}

public static class ReplayDeadLetterEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ReplayQueued>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("Queues one dead letter for delivery again (even one already delivered), with the same webhook-id and a fresh retry schedule.");
    }

    [WolverinePost("/api/subscriptions/{id}/dead-letters/{deadLetterId}/replay", OperationId = "replayDeadLetter")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(Guid id, Guid deadLetterId, WebhookStore webhooks, WebhookDeadLetters deadLetters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(deadLetters);
        return await webhooks.ExistsAsync(id, SubscriptionAccess.Owner(user), cancellationToken)
            && await deadLetters.ReplayAsync(id, deadLetterId, cancellationToken) is > 0
            ? TypedResults.Accepted(SubscriptionPaths.Of(id) + "/dead-letters", new ReplayQueued(1))
            : Problems.NotFound($"Dead letter {deadLetterId} of subscription {id}");
    }
}
