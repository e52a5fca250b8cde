using AttackTracker.EventStore;
using AttackTracker.Incidents.Incidents;
using Npgsql;

namespace AttackTracker.Api.Incidents;

/// <summary>
/// Keeps each incident's stored state and view in step with its stream, in the append's
/// transaction. Events at or below the stored version are skipped, so a replay does no harm.
/// </summary>
public sealed class IncidentViewProjection(IncidentRows rows) : IInlineProjection
{
    public async Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction.Transaction);
        foreach (var stream in events.Where(e => IncidentEvents.IsIncidentEvent(e.Data)).GroupBy(e => e.StreamId))
        {
            var state = await rows.LoadStateAsync(transaction.Connection, transaction.Transaction, stream.Key, cancellationToken) ?? IncidentState.Initial;
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
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
