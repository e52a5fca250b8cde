using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Notifications;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public static class CreateSubscriptionEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<SubscriptionRequest, SubscriptionView>()
            .WithTags("Notifications")
            .WithSummary("Subscribes a URL to change notifications (signed webhooks); the answer carries the signing secret, once. An analyst's key subscribes to the incidents it names in filter.incidentIds; an editor's key to any.");
    }

    // The key's name is recorded as the owner. Notifications recorded after this are delivered.
    // An analyst subscribes to the incidents it follows (SubscriptionAccess).
    [WolverinePost("/api/subscriptions", OperationId = "createSubscription")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(HttpRequest request, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(webhooks);
        var body = StrictJson.Read<SubscriptionRequest>(request);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var subscription = SubscriptionRules.Validate(body.Value!, errors);
        if (subscription is not null)
        {
            SubscriptionAccess.Check(request.HttpContext.User, subscription, errors);
        }

        if (subscription is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var created = await webhooks.CreateAsync(subscription, request.HttpContext.User.Identity?.Name ?? "unknown", cancellationToken);
        return TypedResults.Created(SubscriptionPaths.Of(created.Id), created);
    }
}

public static class SubscriptionPaths
{
    public static string Of(Guid id) => $"/api/subscriptions/{id}";
}
