using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace AttackTracker.Benchmarks;

/// <summary>A subscription on Marten's daemon that counts what it is handed, by event id.</summary>
public sealed class FeedCounter : SubscriptionBase
{
    private readonly ConcurrentDictionary<Guid, int> _seen = new();
    private long _events;

    public FeedCounter(string name) => Name = name;

    public long Events => Interlocked.Read(ref _events);

    public IReadOnlyDictionary<Guid, int> Seen => _seen;

    /// <summary>Keep every id (to count misses and duplicates); off for a pure throughput pass.</summary>
    public bool KeepIds { get; init; }

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var counted = 0;
        foreach (var e in page.Events)
        {
            if (e.EventTypeName == Tombstone.Name)
            {
                continue;
            }

            counted++;
            if (KeepIds)
            {
                _seen.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
            }
        }

        Interlocked.Add(ref _events, counted);
        return Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }
}
