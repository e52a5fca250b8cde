using System.Security.Claims;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Notifications;

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> Items, int Page, int PageSize);

public static class ListDeadLettersEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<DeadLetterPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Notifications")
            .WithSummary("A subscription's dead letters: deliveries that ran out of attempts or were refused, with the notification, the attempts and the last error.")
            .WithQuery(OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/subscriptions/{id}/dead-letters", OperationId = "listDeadLetters")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> List(Guid id, WebhookStore webhooks, WebhookDeadLetters deadLetters, ClaimsPrincipal user, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(deadLetters);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (!await webhooks.ExistsAsync(id, SubscriptionAccess.Owner(user), cancellationToken))
        {
            return Problems.NotFound($"Subscription {id}");
        }

        return TypedResults.Ok(new DeadLetterPage(await deadLetters.DeadLettersAsync(id, number, size, cancellationToken), number, size));
    }
}
