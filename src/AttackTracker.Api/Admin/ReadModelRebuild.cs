using AttackTracker.Api.Incidents;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;

namespace AttackTracker.Api.Admin;

/// <summary>Another process is rebuilding the read models of this schema.</summary>
public sealed class RebuildRunningException()
    : InvalidOperationException("A rebuild of the read models is already running on this schema; /health shows its progress.");

/// <summary>
/// Rebuilds the inline read models (incident_state with its listings and snapshots, report_index,
/// source_view, document_summary, and the groups' identity table, group_names) by the project's own path (docs/adr/0006): the incident streams are read in stream
/// order a chunk at a time with Npgsql (<see cref="StoredEvents"/>), folded by the domain's one fold,
/// and their documents written over the stored ones with Marten's bulk insert. Nothing is torn
/// down first, so every incident keeps a state throughout; each chunk holds its streams' rows
/// (FOR SHARE) while it reads and writes them, so a write to one of them waits for the chunk and
/// then lands on the rebuilt state, and writes to the others go on. A marker row (Sql/0012) records
/// the last incident done with each chunk: a rebuild a crash interrupted is taken up there at the
/// next start, and /health reports it until it is done. Memory holds one chunk.
/// </summary>
public sealed partial class ReadModelRebuild(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, IConfiguration configuration, ILogger<ReadModelRebuild> logger)
{
    /// <summary>The projections this rebuild writes, by the names Marten knows them by.</summary>
    public static readonly string[] Projections = ["incident_state", "source_view", "report_index", Documents.DocumentSummaryProjection.ProjectionName, Groups.GroupNamesRebuild.ProjectionName];

    private readonly string _schema = settings.Schema;

    private int ChunkIncidents => Math.Max(1, configuration.GetValue("Rebuild:ChunkIncidents", 500));

    /// <summary>
    /// Rebuilds <paramref name="projections"/> (a pending rebuild's own when one was interrupted:
    /// it is taken up where it stopped). With <paramref name="pendingOnly"/>, only a pending one;
    /// nothing when there is none. Returns the events and incidents read, or null when nothing ran.
    /// </summary>
    public async Task<(long Events, long Incidents)?> RunAsync(
        IReadOnlyList<string> projections, bool pendingOnly, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await TryLockAsync(connection, cancellationToken))
        {
            if (pendingOnly)
            {
                return null;
            }

            throw new RebuildRunningException();
        }

        try
        {
            var pending = await RebuildRuns.PendingAsync(connection, _schema, cancellationToken);
            if (pending is null && pendingOnly)
            {
                return null;
            }

            var wanted = pending is { } p ? p.Projections : [.. projections];
            await StartAsync(connection, wanted, cancellationToken);
            if (pending is not null)
            {
                LogResumed(logger, pending.Value.Done, pending.Value.After?.ToString() ?? "the start");
            }

            if (wanted.Contains("source_view"))
            {
                await SourceRebuild.RunAsync(store, connection, _schema, cancellationToken);
            }

            if (wanted.Contains(Documents.DocumentSummaryProjection.ProjectionName))
            {
                await DocumentRebuild.RunAsync(store, connection, _schema, cancellationToken);
            }

            if (wanted.Contains(Groups.GroupNamesRebuild.ProjectionName))
            {
                await Groups.GroupNamesRebuild.RunAsync(connection, _schema, cancellationToken);
            }

            var (events, incidents) = wanted.Contains("incident_state") || wanted.Contains("report_index")
                ? await IncidentsAsync(connection, wanted, pending?.After, progress, cancellationToken)
                : (0, 0);
            await using (var done = new NpgsqlCommand($"""DELETE FROM "{_schema}".rebuild_runs WHERE name = '{RebuildRuns.ReadModels}'""", connection))
            {
                await done.ExecuteNonQueryAsync(cancellationToken);
            }

            return (events + (pending?.EventsDone ?? 0), incidents + (pending?.Done ?? 0));
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
            unlock.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RebuildRuns.LockName(_schema) });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The incidents, a chunk at a time after <paramref name="after"/>, in the order of their ids.</summary>
    private async Task<(long Events, long Incidents)> IncidentsAsync(
        NpgsqlConnection connection, string[] wanted, Guid? after, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        var states = wanted.Contains("incident_state");
        var reports = wanted.Contains("report_index");
        long events = 0, incidents = 0;
        var (total, done) = await TotalsAsync(connection, after, cancellationToken);
        while (true)
        {
            var chunk = await ChunkAsync(connection, after, cancellationToken);
            if (chunk.Count == 0)
            {
                return (events, incidents);
            }

            var ids = chunk.Select(c => c.Id).ToArray();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // The chunk's streams are held against writes (which lock a stream FOR UPDATE before they
            // load its state) from before its events are read until its documents are written.
            await using (var hold = new NpgsqlCommand($"""SELECT id FROM "{_schema}".mt_streams WHERE id = ANY($1) ORDER BY id FOR SHARE""", connection, transaction))
            {
                hold.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
                await hold.ExecuteNonQueryAsync(cancellationToken);
            }

            var documents = new List<object>(chunk.Count * 3);
            var folds = new List<(IncidentState State, List<StoredEvent> Events)>();
            long read = 0;
            await using (var command = StoredEvents.Command(connection, _schema, ids, new long[ids.Length], null))
            {
                command.Transaction = transaction;
                await foreach (var (id, stream) in StoredEvents.StreamsAsync(command, cancellationToken))
                {
                    read += stream.Count;
                    if (Fold(id, stream, states, reports, documents) is { } folded)
                    {
                        folds.Add((folded, stream));
                    }
                }
            }

            // A survivor's listing shows its state combined with the incidents merged into it.
            var absorbed = await AbsorbedStreams.ReadAsync(
                connection, _schema, folds.Where(f => !f.State.Absorbed.IsEmpty).Select(f => (IncidentState.Initial, (IReadOnlyList<StoredEvent>)f.Events)), null, cancellationToken);
            documents.AddRange(folds.Select(f => IncidentListing.Of(IncidentMerges.WithAbsorbed(f.State, absorbed.Events))));

            await store.BulkInsertDocumentsAsync(documents, BulkInsertMode.OverwriteExisting, 10_000, cancellationToken);
            after = ids[^1];
            events += read;
            incidents += ids.Length;
            await using (var advance = new NpgsqlCommand($"""
                UPDATE "{_schema}".rebuild_runs SET after_id = $1, done = done + $2, events_done = events_done + $3, updated_at = now()
                WHERE name = '{RebuildRuns.ReadModels}'
                """, connection, transaction))
            {
                advance.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = after.Value });
                advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ids.Length });
                advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = read });
                await advance.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            done += read;
            progress?.Report((done, Math.Max(total, done)));
        }
    }

    /// <summary>One incident's documents but its listing, folded as the inline projection folds them; its state when states are rebuilt.</summary>
    private static IncidentState? Fold(Guid id, List<StoredEvent> stream, bool states, bool reports, List<object> documents)
    {
        var state = IncidentState.Initial;
        foreach (var e in stream)
        {
            if (e.Data is null)
            {
                continue; // a poison event: verify names its stream
            }

            var before = state.Version;
            state = IncidentFold.Evolve(state, e.ToStreamEvent());
            if (states && state.Version > before && IncidentSnapshot.IsDue(state.Version))
            {
                documents.Add(IncidentSnapshot.Of(state with { Id = id }));
            }

            if (reports && e.Data is ReportSubmitted report)
            {
                documents.Add(new ReportIndexEntry(report.ReportId, id, report.Source.Id, report.PublishedAt, e.Version));
            }
        }

        if (!states)
        {
            return null;
        }

        state = state with { Id = id };
        documents.Add(state);
        return state;
    }

    private async Task<List<(Guid Id, long Version)>> ChunkAsync(NpgsqlConnection connection, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT id, version FROM "{_schema}".mt_streams
            WHERE type = '{IncidentReader.StreamType}' AND ($1::uuid IS NULL OR id > $1)
            ORDER BY id LIMIT $2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ChunkIncidents });
        var chunk = new List<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }

        return chunk;
    }

    /// <summary>The events of every incident stream, and of those done already (before <paramref name="after"/>).</summary>
    private async Task<(long Total, long Done)> TotalsAsync(NpgsqlConnection connection, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(sum(version), 0)::bigint, coalesce(sum(version) FILTER (WHERE $1::uuid IS NOT NULL AND id <= $1), 0)::bigint, count(*)
            FROM "{_schema}".mt_streams WHERE type = '{IncidentReader.StreamType}'
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (total, done, count) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        await reader.CloseAsync();
        await using var update = new NpgsqlCommand($"""
            UPDATE "{_schema}".rebuild_runs SET events_total = $1, total = $2, run_events_from = events_done, run_started_at = now(), updated_at = now()
            WHERE name = '{RebuildRuns.ReadModels}'
            """, connection);
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = total });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
        await update.ExecuteNonQueryAsync(cancellationToken);
        return (total, done);
    }

    /// <summary>Writes the marker (or, for a pending rebuild, counts that it was taken up again).</summary>
    private async Task StartAsync(NpgsqlConnection connection, string[] projections, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO "{_schema}".rebuild_runs (name, projections, target) VALUES ('{RebuildRuns.ReadModels}', $1, 0)
            ON CONFLICT (name) DO UPDATE SET resumed = rebuild_runs.resumed + 1, updated_at = now()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = projections, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The schema's rebuild lock, tried for a moment (/health tries it too, briefly, to tell a running rebuild from an interrupted one).</summary>
    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RebuildRuns.LockName(_schema) });
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Taking up an interrupted rebuild of the read models: {Done} incidents were done, up to {After}")]
    private static partial void LogResumed(ILogger logger, long done, string after);
}
