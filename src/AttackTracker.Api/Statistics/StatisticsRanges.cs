using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using JasperFx.Events.Daemon;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// The work of the statistics on one range of the global sequence, (floor, ceiling]: which
/// incidents it touches, their streams folded up to the ceiling (from the newest snapshot before
/// the range for a long stream), their rows computed (<see cref="IncidentSpans"/>) and written
/// (<see cref="SpanWriter"/>) in one transaction, with whatever the caller adds to it. Shared by
/// the daemon's subscription (<see cref="StatisticsSubscription"/>) and the rebuild's own run
/// over the store (Admin/StatisticsRebuild.cs).
/// </summary>
public sealed class StatisticsRanges
{
    private readonly string _schema;
    private readonly SpanWriter _writer;
    private readonly string _touched;
    private readonly string _snapshots;
    private readonly string _skipped;
    private readonly string _finished;

    public StatisticsRanges(string schema)
    {
        _schema = schema;
        _writer = new SpanWriter(schema);
        _touched = $"""
            SELECT e.stream_id, min(e.version) FROM "{schema}".mt_events e
            WHERE e.seq_id > $1 AND e.seq_id <= $2 AND e.type = ANY($3)
            GROUP BY e.stream_id
            """;
        // The newest snapshot before the range's first event of each long stream: the fold starts there.
        _snapshots = $"""
            SELECT DISTINCT ON (s.incident_id) s.incident_id, s.data
            FROM unnest($1::uuid[], $2::bigint[]) AS t(incident_id, below)
            JOIN "{schema}".mt_doc_incidentsnapshot s ON s.incident_id = t.incident_id AND s.version < t.below
            ORDER BY s.incident_id, s.version DESC
            """;
        _skipped = $"""
            SELECT (data->>'eventSequence')::bigint FROM "{schema}".mt_doc_deadletterevent
            WHERE data->>'projectionName' = '{StatisticsSubscription.SubscriptionName}'
            """;
        _finished = $"""DELETE FROM "{schema}".rebuild_runs WHERE name = '{StatisticsSubscription.SubscriptionName}' AND target <= $1""";
    }

    /// <summary>
    /// Folds the range and writes its rows in one transaction on <paramref name="connection"/>,
    /// with <paramref name="also"/> (the rebuild's progress). Returns the poison events met, to be
    /// recorded, and the number of incidents touched.
    /// </summary>
    public async Task<(IReadOnlyList<DeadLetterEvent> Poison, int Incidents)> ProcessAsync(
        NpgsqlConnection connection, long floor, long ceiling, IEnumerable<NpgsqlBatchCommand> also, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var touched = await TouchedAsync(connection, floor, ceiling, cancellationToken);
        var incidents = new List<IncidentSpans>(touched.Count);
        var poison = new List<DeadLetterEvent>();
        if (touched.Count > 0)
        {
            var skip = await SkippedAsync(connection, cancellationToken);
            var starts = await StartsAsync(connection, touched, cancellationToken);
            var ids = touched.Keys.Order().ToArray();
            var after = ids.Select(id => starts.TryGetValue(id, out var s) ? s.Version : 0).ToArray();
            var survivors = new List<(Guid Id, IncidentState Start, List<StoredEvent> Events)>();
            await using (var command = StoredEvents.Command(connection, _schema, ids, after, ceiling))
            {
                await foreach (var (id, events) in StoredEvents.StreamsAsync(command, cancellationToken))
                {
                    var start = starts.TryGetValue(id, out var s) ? s : IncidentState.Initial;
                    if (AbsorbedStreams.Touches(start, events))
                    {
                        // Folded below, once the incidents merged into it are read.
                        survivors.Add((id, start, events));
                        continue;
                    }

                    incidents.Add(IncidentSpans.Fold(id, start, events, floor, skip));
                }
            }

            if (survivors.Count > 0)
            {
                var absorbed = await AbsorbedStreams.ReadAsync(connection, _schema, survivors.Select(s => (s.Start, (IReadOnlyList<StoredEvent>)s.Events)), ceiling, cancellationToken);
                incidents.AddRange(survivors.Select(s => IncidentSpans.Fold(s.Id, s.Start, s.Events, floor, skip, absorbed.Events)));
            }

            poison.AddRange(incidents.SelectMany(i => i.Skipped).Select(DeadLetter));
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in _writer.Commands(incidents).Concat(also))
        {
            batch.BatchCommands.Add(command);
        }

        // A rebuild of the statistics is done once they have caught up with where it began (Admin/RebuildRuns.cs).
        var finished = new NpgsqlBatchCommand(_finished);
        finished.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ceiling });
        batch.BatchCommands.Add(finished);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (poison, touched.Count);
    }

    private async Task<Dictionary<Guid, long>> TouchedAsync(NpgsqlConnection connection, long floor, long ceiling, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_touched, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = floor });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ceiling });
        command.Parameters.Add(new NpgsqlParameter { Value = StoredEvents.IncidentTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var touched = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            touched[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return touched;
    }

    /// <summary>The states the folds of long streams start from: their newest snapshot before the range.</summary>
    private async Task<Dictionary<Guid, IncidentState>> StartsAsync(NpgsqlConnection connection, Dictionary<Guid, long> touched, CancellationToken cancellationToken)
    {
        var starts = new Dictionary<Guid, IncidentState>();
        var long_ = touched.Where(t => t.Value > IncidentSnapshot.Interval).ToList();
        if (long_.Count == 0)
        {
            return starts;
        }

        await using var command = new NpgsqlCommand(_snapshots, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = long_.Select(t => t.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = long_.Select(t => t.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var snapshot = System.Text.Json.JsonSerializer.Deserialize<IncidentSnapshot>(reader.GetString(1), IncidentJson.Options);
            if (snapshot is not null)
            {
                starts[reader.GetGuid(0)] = snapshot.State;
            }
        }

        return starts;
    }

    private async Task<HashSet<long>> SkippedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_skipped, connection);
        var skipped = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                skipped.Add(reader.GetInt64(0));
            }
        }

        return skipped;
    }

    /// <summary>The poison event as the daemon's dead letters record it (GET /api/admin/projection-failures).</summary>
    private static DeadLetterEvent DeadLetter(SkippedEvent skipped) => new()
    {
        Id = Guid.CreateVersion7(),
        ProjectionName = StatisticsSubscription.SubscriptionName,
        ShardName = StatisticsSubscription.ProgressName,
        EventSequence = skipped.Event.Sequence,
        ExceptionType = skipped.Failure.GetType().Name,
        ExceptionMessage = skipped.Failure.Message,
        Timestamp = DateTimeOffset.UtcNow,
    };
}
