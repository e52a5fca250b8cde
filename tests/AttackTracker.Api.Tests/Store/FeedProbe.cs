using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace AttackTracker.Api.Tests.Store;

/// <summary>A subscription on Marten's daemon that counts every event it is handed.</summary>
public sealed class FeedProbe : SubscriptionBase
{
    private readonly ConcurrentDictionary<Guid, int> _seen = new();
    private long _lastSequence;

    public FeedProbe() => Name = "feed_probe";

    public IReadOnlyDictionary<Guid, int> Seen => _seen;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var e in page.Events)
        {
            // Rich append mode fills a failed transaction's sequence numbers with tombstones; they are no events of ours.
            if (e.EventTypeName != Tombstone.Name)
            {
                _seen.AddOrUpdate(e.Id, 1, (_, count) => count + 1);
            }

            if (e.Sequence > LastSequence)
            {
                Interlocked.Exchange(ref _lastSequence, e.Sequence);
            }
        }

        return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }
}
