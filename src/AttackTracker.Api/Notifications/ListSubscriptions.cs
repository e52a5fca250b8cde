using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public sealed record SubscriptionPage(IReadOnlyList<SubscriptionView> Items, int Page, int PageSize);

public static class ListSubscriptionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<SubscriptionPage>().ProducesValidationProblem()
            .WithTags("Notifications")
            .WithSummary("The webhook subscriptions the key may manage (an editor's every one, an analyst's its own), oldest first, with how their deliveries stand (never a secret).")
            .WithQuery(OpenApiMetadata.Pages(20));
    }

    [WolverineGet("/api/subscriptions", OperationId = "listSubscriptions")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> List(WebhookStore webhooks, ClaimsPrincipal user, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 20, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return TypedResults.Ok(new SubscriptionPage(await webhooks.ListAsync(null, SubscriptionAccess.Owner(user), number, size, cancellationToken), number, size));
    }
}
