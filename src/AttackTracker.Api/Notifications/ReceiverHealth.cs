namespace AttackTracker.Api.Notifications;

/// <summary>
/// How each subscription's receiver has been answering, kept by the node that delivers, so that
/// a slow or dead receiver costs its own subscription and not the others (a circuit breaker):
/// <list type="bullet">
/// <item>answering: up to Webhooks:MaxInFlightPerSubscription deliveries at once;</item>
/// <item>failing slowly (its last attempt failed after half the timeout or more, holding a slot that
/// long: no answer, a hanging connection): one at a time, and all such subscriptions together at
/// most Webhooks:MaxInFlightFailing, so that the others keep the rest of the slots;</item>
/// <item>parked, after Webhooks:ParkAfter slow failures in a row: nothing starts until
/// Webhooks:ParkFor has passed; then one delivery probes it (failing slowly again parks it again).</item>
/// </list>
/// A receiver that fails fast (a refused connection, a quick 5xx) holds no slot for long and just
/// follows the retry schedule. In memory only: a restart forgets it, and the retry schedule in the database still holds.
/// </summary>
public sealed class ReceiverHealth(WebhookSettings settings, TimeProvider clock)
{
    private readonly Dictionary<Guid, (int Failures, DateTimeOffset ParkedUntil)> _failing = [];
    private readonly Dictionary<Guid, int> _inFlight = [];
    private readonly Lock _lock = new();

    /// <summary>True when the subscription has just been parked by this failure.</summary>
    public bool Failed(Guid subscription)
    {
        lock (_lock)
        {
            var failures = (_failing.TryGetValue(subscription, out var state) ? state.Failures : 0) + 1;
            var parked = failures >= settings.ParkAfter;
            _failing[subscription] = (failures, parked ? clock.GetUtcNow() + settings.ParkFor : DateTimeOffset.MinValue);
            return parked && failures == settings.ParkAfter;
        }
    }

    public void Answered(Guid subscription)
    {
        lock (_lock)
        {
            _failing.Remove(subscription);
        }
    }

    /// <summary>Takes a slot for the subscription's work, or says no: parked, at its own cap, or the failing ones' share is used up.</summary>
    public bool TryStart(Guid subscription)
    {
        lock (_lock)
        {
            var running = _inFlight.GetValueOrDefault(subscription);
            if (_failing.TryGetValue(subscription, out var state))
            {
                var failingInFlight = _inFlight.Where(p => _failing.ContainsKey(p.Key)).Sum(p => p.Value);
                if (state.ParkedUntil > clock.GetUtcNow() || running > 0 || failingInFlight >= settings.MaxInFlightFailing)
                {
                    return false;
                }
            }
            else if (running >= settings.MaxInFlightPerSubscription)
            {
                return false;
            }

            _inFlight[subscription] = running + 1;
            return true;
        }
    }

    public void Finished(Guid subscription)
    {
        lock (_lock)
        {
            if (_inFlight.GetValueOrDefault(subscription) <= 1)
            {
                _inFlight.Remove(subscription);
            }
            else
            {
                _inFlight[subscription]--;
            }
        }
    }

    /// <summary>The subscriptions none of whose work may start now: the due query leaves them out.</summary>
    public IReadOnlyCollection<Guid> Closed()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            var failingInFlight = _inFlight.Where(p => _failing.ContainsKey(p.Key)).Sum(p => p.Value);
            return
            [
                .. _failing.Where(p => p.Value.ParkedUntil > now || _inFlight.ContainsKey(p.Key) || failingInFlight >= settings.MaxInFlightFailing).Select(p => p.Key),
                .. _inFlight.Where(p => !_failing.ContainsKey(p.Key) && p.Value >= settings.MaxInFlightPerSubscription).Select(p => p.Key),
            ];
        }
    }
}
