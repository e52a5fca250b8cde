using System.Security.Claims;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Notifications;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Who may manage which subscriptions (docs/notifications.md): an editor every one; an analyst
/// those its key made (the owner is the key's name), each for the incidents it follows. Another
/// key's subscription answers 404 to an analyst, as one that does not exist.
/// </summary>
public static class SubscriptionAccess
{
    /// <summary>The owner to scope to: null for an editor (every subscription), the key's name for an analyst.</summary>
    public static string? Owner(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Editor) ? null : user.Identity?.Name ?? string.Empty;
    }

    /// <summary>An analyst subscribes to the incidents it follows: its filter must name them.</summary>
    public static void Check(ClaimsPrincipal user, NewSubscription subscription, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(errors);
        if (Owner(user) is not null && subscription.Filter.IncidentIds is not { Count: > 0 })
        {
            errors.Add("filter.incidentIds", "is required with an analyst's key: an analyst subscribes to the incidents it follows (an editor's key may subscribe to every incident).");
        }
    }
}
