using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Sources;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;
using Npgsql;

namespace AttackTracker.Api.Admin;

public sealed record RebuildResult(long Events, int Incidents, long ElapsedMilliseconds);

public sealed record ViewDifference(Guid IncidentId, long StoredVersion, long RebuiltVersion, string Detail);

public sealed record VerifyResult(int IncidentsChecked, long EventsRead, IReadOnlyList<ViewDifference> Differences)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Rebuilds every read model from the events with the same fold the inline projections use,
/// and checks stored views against a fresh fold.
/// </summary>
public sealed class ProjectionRebuilder(EventStore.EventStore store, IncidentRows incidentRows, SourceRows sourceRows, SchemaName schema)
{
    private const int PageSize = 5000;

    private string ReadModels =>
        $"{schema.Quoted}.incidents, {schema.Quoted}.incident_snapshots, {schema.Quoted}.reports, {schema.Quoted}.sources";
    private const int WriteBatch = 200;

    /// <summary>
    /// One transaction: the read models are locked against writers (EXCLUSIVE mode still admits
    /// readers) and emptied with DELETE, all events are replayed in global order (which is
    /// version order within each stream), and the rows are written back. Appends wait for it,
    /// since their inline projections need the same tables; readers see the old rows until the commit.
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var transaction = await store.BeginTransactionAsync(cancellationToken);
        await using (var reset = transaction.CreateCommand(
            $"LOCK TABLE {ReadModels} IN EXCLUSIVE MODE; {string.Concat(ReadModels.Split(", ").Select(t => $"DELETE FROM {t}; "))}"))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var states = new Dictionary<Guid, IncidentState>();
        var pending = new List<NpgsqlBatchCommand>();
        long events = 0;
        // Paging on the global position is safe here, unlike in the live feed: no projected
        // append can commit while this transaction holds the read models' locks.
        for (var page = await transaction.ReadByPositionAsync(0, PageSize, cancellationToken);
             page.Count > 0;
             page = await transaction.ReadByPositionAsync(page[^1].Position, PageSize, cancellationToken))
        {
            foreach (var e in page)
            {
                events++;
                if (IncidentEvents.IsIncidentEvent(e.Data))
                {
                    var state = IncidentProjection.Evolve(states.GetValueOrDefault(e.StreamId) ?? IncidentState.Initial, e);
                    states[e.StreamId] = state;
                    if (IncidentRows.IsSnapshotVersion(state.Version))
                    {
                        pending.Add(incidentRows.Snapshot(e.StreamId, state));
                    }
                }

                if (sourceRows.Command(e) is { } row)
                {
                    pending.Add(row);
                }
            }

            await FlushAsync(transaction, pending, cancellationToken);
        }

        foreach (var (id, state) in states)
        {
            pending.Add(incidentRows.Upsert(id, state));
            if (pending.Count >= WriteBatch)
            {
                await FlushAsync(transaction, pending, cancellationToken);
            }
        }

        await FlushAsync(transaction, pending, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RebuildResult(events, states.Count, clock.ElapsedMilliseconds);
    }

    /// <summary>Folds every stored incident afresh and compares its view with the stored one, byte for byte.</summary>
    public async Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var differences = new List<ViewDifference>();
        var ids = new List<(Guid Id, long Version, string View)>();
        await using (var command = store.DataSource.CreateCommand($"SELECT id, version, view::text FROM {schema.Quoted}.incidents ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        long eventsRead = 0;
        foreach (var (id, version, storedView) in ids)
        {
            var folded = await store.AggregateStreamAsync(id, IncidentState.Initial, IncidentProjection.Evolve, cancellationToken: cancellationToken);
            eventsRead += folded.Version;
            var rebuilt = JsonSerializer.Serialize(IncidentViewBuilder.Build(id, folded.State, ViewPoint.Current), IncidentJson.Options);
            if (folded.Version != version)
            {
                differences.Add(new ViewDifference(id, version, folded.Version, "the stored view is at another version than the stream"));
            }
            else if (rebuilt != storedView)
            {
                differences.Add(new ViewDifference(id, version, folded.Version, "the stored view differs from a fresh fold of the stream"));
            }
        }

        await using (var command = store.DataSource.CreateCommand($"""
            SELECT s.id FROM {schema.Quoted}.streams s
            WHERE s.type = '{EventTypes.IncidentStream}' AND NOT EXISTS (SELECT 1 FROM {schema.Quoted}.incidents i WHERE i.id = s.id)
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                differences.Add(new ViewDifference(reader.GetGuid(0), 0, -1, "the incident stream has no stored view"));
            }
        }

        return new VerifyResult(ids.Count, eventsRead, differences);
    }

    private static async Task FlushAsync(EventStoreTransaction transaction, List<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction.Transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        commands.Clear();
    }
}
