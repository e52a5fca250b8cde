using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public static class DeleteSubscriptionEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("Ends a subscription: nothing more is sent to it, and its pending deliveries and dead letters go with it.");
    }

    [WolverineDelete("/api/subscriptions/{id}", OperationId = "deleteSubscription")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Delete(Guid id, WebhookStore webhooks, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        return await webhooks.DeleteAsync(id, SubscriptionAccess.Owner(user), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"Subscription {id}");
    }
}
