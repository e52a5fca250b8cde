using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Admin;

/// <summary>
/// Verify over the whole store (<see cref="ProjectionVerifier.VerifyAsync"/>): the incident
/// streams a chunk at a time in the order of their ids, each chunk's events read in one query
/// (<see cref="StoredEvents"/>) and folded afresh, and compared with the chunk's stored states,
/// listings and snapshots, and with its statistics' rows on both axes (the rows a fresh fold gives,
/// <see cref="IncidentSpans"/>). Memory holds one chunk, whatever the size of the store.
/// </summary>
public sealed class ViewVerifier(NpgsqlDataSource dataSource, StoreSettings settings)
{
    public const int ChunkIncidents = 500;

    /// <summary>How many differences verify lists; past it, it counts them.</summary>
    public const int MaxListed = 1_000;

    private readonly string _schema = settings.Schema;

    /// <summary>
    /// Compares every incident. The statistics' rows are compared when <paramref name="statsThrough"/>
    /// is set: for incidents whose events the statistics have all folded (none past it).
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(long? statsThrough, List<ViewDifference> differences, List<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Guid? after = null;
        long events = 0, found = differences.Count;
        var incidents = 0;
        while (true)
        {
            var chunk = await ChunkAsync(connection, after, cancellationToken);
            if (chunk.Count == 0)
            {
                break;
            }

            var ids = chunk.Select(c => c.Id).ToArray();
            var states = await DocumentsAsync(connection, "mt_doc_incidentstate", "id", ids, cancellationToken);
            var listings = await DocumentsAsync(connection, "mt_doc_incidentlisting", "id", ids, cancellationToken);
            var snapshots = await DocumentsAsync(connection, "mt_doc_incidentsnapshot", "incident_id", ids, cancellationToken);
            var spans = statsThrough is null ? [] : await StoredSpans.ReadAsync(connection, _schema, ids, cancellationToken);
            var streams = new Dictionary<Guid, List<StoredEvent>>();
            await using (var command = StoredEvents.Command(connection, _schema, ids, new long[ids.Length], null))
            {
                await foreach (var (id, stream) in StoredEvents.StreamsAsync(command, cancellationToken))
                {
                    streams[id] = stream;
                }
            }

            var absorbed = await AbsorbedStreams.ReadAsync(
                connection, _schema, streams.Values.Where(s => AbsorbedStreams.Touches(IncidentState.Initial, s)).Select(s => (IncidentState.Initial, (IReadOnlyList<StoredEvent>)s)), null, cancellationToken);
            foreach (var (id, version) in chunk)
            {
                var stream = streams.GetValueOrDefault(id) ?? [];
                events += stream.Count;
                if (Compare(id, version, stream, new Stored(states, listings, snapshots, spans), statsThrough, absorbed) is { } difference)
                {
                    if (++found <= MaxListed)
                    {
                        differences.Add(difference);
                    }
                }
            }

            incidents += chunk.Count;
            after = ids[^1];
        }

        if (found > MaxListed)
        {
            notes.Add($"{found} differences were found; the first {MaxListed} are listed.");
        }

        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        return new VerifyResult(incidents, events, differences, notes, clock.ElapsedMilliseconds, Math.Round(events / seconds), Math.Round(incidents / seconds));
    }

    /// <summary>A chunk's stored documents and statistics' rows, by incident.</summary>
    private sealed record Stored(
        Dictionary<Guid, List<string>> States,
        Dictionary<Guid, List<string>> Listings,
        Dictionary<Guid, List<string>> Snapshots,
        Dictionary<Guid, List<string>> Spans);

    private static ViewDifference? Compare(Guid id, long version, List<StoredEvent> stream, Stored stored, long? statsThrough, AbsorbedStreams absorbed)
    {
        if (stream.FirstOrDefault(e => e.Data is null) is { } poison)
        {
            // A poison event: the stream cannot be folded afresh (GET /api/admin/projection-failures lists it).
            return new ViewDifference(id, 0, version, $"the stream holds an event that cannot be read (sequence {poison.Sequence}): {poison.Failure?.Message}");
        }

        var folded = IncidentState.Initial;
        var due = new List<IncidentSnapshot>();
        foreach (var e in stream)
        {
            folded = IncidentFold.Evolve(folded, e.ToStreamEvent());
            if (IncidentSnapshot.IsDue(folded.Version))
            {
                due.Add(IncidentSnapshot.Of(folded with { Id = id }));
            }
        }

        folded = folded with { Id = id };
        if (!stored.States.TryGetValue(id, out var storedState))
        {
            return new ViewDifference(id, 0, folded.Version, "the incident stream has no stored state");
        }

        var state = JsonSerializer.Deserialize<IncidentState>(storedState[0], IncidentJson.Options)!;
        if (state.Version != folded.Version || state.Version != version)
        {
            return new ViewDifference(id, state.Version, folded.Version, "the stored state is at another version than the stream");
        }

        if (Json(state) != Json(folded))
        {
            return new ViewDifference(id, state.Version, folded.Version, "the stored state differs from a fresh fold of the stream");
        }

        var listing = stored.Listings.TryGetValue(id, out var l) ? JsonSerializer.Deserialize<IncidentListing>(l[0], IncidentJson.Options) : null;
        if (Json(listing) != Json(IncidentListing.Of(IncidentMerges.WithAbsorbed(folded, absorbed.Events))))
        {
            return new ViewDifference(id, state.Version, folded.Version, "the stored listing differs from a fresh fold of the stream");
        }

        var storedSnapshots = (stored.Snapshots.GetValueOrDefault(id) ?? []).Select(s => JsonSerializer.Deserialize<IncidentSnapshot>(s, IncidentJson.Options)!).OrderBy(s => s.Version);
        if (Json(storedSnapshots) != Json(due))
        {
            return new ViewDifference(id, state.Version, folded.Version, "the stored snapshots differ from a fresh fold of the stream");
        }

        if (statsThrough is { } through && stream.Count > 0 && stream.Max(e => e.Sequence) <= through)
        {
            var fresh = StoredSpans.Lines(IncidentSpans.Fold(id, IncidentState.Initial, stream, 0, new HashSet<long>(), absorbed.Events));
            var kept = stored.Spans.GetValueOrDefault(id) ?? [];
            if (!fresh.SequenceEqual(kept))
            {
                var first = fresh.Zip(kept).FirstOrDefault(p => p.First != p.Second);
                var detail = first == default
                    ? $"{kept.Count} rows where a fresh fold gives {fresh.Count}"
                    : $"stored {first.Second} where a fresh fold gives {first.First}";
                return new ViewDifference(id, state.Version, folded.Version, $"the statistics' rows differ from a fresh fold of the stream: {detail}");
            }
        }

        return null;
    }

    private async Task<List<(Guid Id, long Version)>> ChunkAsync(NpgsqlConnection connection, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT id, version FROM "{_schema}".mt_streams
            WHERE type = '{IncidentReader.StreamType}' AND ($1::uuid IS NULL OR id > $1)
            ORDER BY id LIMIT {ChunkIncidents}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        var chunk = new List<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            chunk.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }

        return chunk;
    }

    /// <summary>The documents of a table keyed by <paramref name="key"/>, as JSON text, by incident.</summary>
    private async Task<Dictionary<Guid, List<string>>> DocumentsAsync(NpgsqlConnection connection, string table, string key, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""SELECT {key}, data FROM "{_schema}".{table} WHERE {key} = ANY($1)""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var documents = new Dictionary<Guid, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (!documents.TryGetValue(id, out var list))
            {
                documents[id] = list = [];
            }

            list.Add(reader.GetString(1));
        }

        return documents;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, IncidentJson.Options);
}
