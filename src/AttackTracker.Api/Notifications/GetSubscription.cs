using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public static class GetSubscriptionEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<SubscriptionView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("One webhook subscription and how its deliveries stand (never its secret).");
    }

    [WolverineGet("/api/subscriptions/{id}", OperationId = "getSubscription")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Get(Guid id, WebhookStore webhooks, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        return (await webhooks.ListAsync(id, SubscriptionAccess.Owner(user), 1, 1, cancellationToken)) is [var subscription]
            ? TypedResults.Ok(subscription)
            : Problems.NotFound($"Subscription {id}");
    }
}
