using System.Collections.Concurrent;
using AttackTracker.EventStore;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Incidents;

/// <summary>
/// Keeps each incident's stored state and view in step with its stream, in the append's
/// transaction. Events at or below the stored version are skipped, so a replay does no harm.
/// The folded state is kept in memory after each commit: an append that follows exactly the
/// cached version starts from it instead of reading and parsing the stored state. A state is a
/// pure fold of immutable events, so the cached one at version v is the stored one at v; a cache
/// at any other version (another instance wrote since) is ignored.
/// </summary>
public sealed class IncidentViewProjection(IncidentRows rows) : IInlineProjection
{
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<Guid, IncidentState> _committed = new();

    public async Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        var batch = transaction.Batch;
        foreach (var stream in events.Where(e => IncidentEvents.IsIncidentEvent(e.Data)).GroupBy(e => e.StreamId))
        {
            var follows = stream.First().Version - 1;
            var state = _committed.TryGetValue(stream.Key, out var cached) && cached.Version == follows
                ? cached
                : await rows.LoadStateAsync(transaction.Connection, transaction.Transaction, stream.Key, cancellationToken) ?? IncidentState.Initial;
            var before = state.Version;
            foreach (var e in stream.Where(e => e.Version > before))
            {
                state = IncidentProjection.Evolve(state, e);
                if (IncidentRows.IsSnapshotVersion(state.Version))
                {
                    batch.BatchCommands.Add(rows.Snapshot(stream.Key, state));
                }
            }

            if (state.Version > before)
            {
                batch.BatchCommands.Add(rows.Upsert(stream.Key, state));
                var id = stream.Key;
                var committed = state;
                transaction.OnCommitted(() => Remember(id, committed));
            }
        }
    }

    private void Remember(Guid id, IncidentState state)
    {
        if (_committed.Count >= CacheLimit)
        {
            _committed.Clear();
        }

        _committed[id] = state;
    }
}
