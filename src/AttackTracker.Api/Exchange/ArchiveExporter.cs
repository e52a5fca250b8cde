using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// Writes the event log as JSON Lines (docs/export.md): one line per event in global order with
/// its metadata, the transaction it was committed in and its hash-chain link, then one line per
/// incident with the SHA-256 of its view, then an end line with the counts.
/// <para>
/// Every line shows one point of the record: the transactions committed when the export began
/// (a <c>pg_snapshot</c> taken then; each event's link names its transaction). The events are
/// read a page at a time, each page a short query of its own in an export slot
/// (<see cref="ExportSlots"/>), so no transaction stays open while the client reads, however slowly,
/// and vacuum is never held back by an export.
/// </para>
/// </summary>
public sealed class ArchiveExporter(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, IncidentTimeMachine machine, ExportSlots slots)
{
    public const int PageSize = 1000;

    public async Task<long> ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        var snapshot = await slots.RunAsync(SnapshotAsync, cancellationToken);
        var heads = new Dictionary<Guid, (string? Type, long Version)>();
        long events = 0, after = 0;
        while (true)
        {
            var page = await slots.RunAsync(token => PageAsync(snapshot, after, token), cancellationToken);
            foreach (var (seq, line) in page)
            {
                await text.WriteLineAsync(line.ToJsonString(ArchiveLines.Json).AsMemory(), cancellationToken);
                heads[(Guid)line["streamId"]!] = ((string?)line["streamType"], (long)line["version"]!);
                after = seq;
                events++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var incidents = heads.Where(h => h.Value.Type == IncidentReader.StreamType).OrderBy(h => h.Key).ToList();
        foreach (var (id, (_, version)) in incidents)
        {
            var digest = await slots.RunAsync(token => DigestAsync(id, version, token), cancellationToken);
            var line = new JsonObject { ["view"] = new JsonObject { ["streamId"] = id, ["version"] = version, ["sha256"] = digest } };
            await text.WriteLineAsync(line.ToJsonString(ArchiveLines.Json).AsMemory(), cancellationToken);
        }

        await text.WriteLineAsync(new JsonObject { ["end"] = new JsonObject { ["events"] = events, ["incidents"] = incidents.Count } }.ToJsonString(ArchiveLines.Json).AsMemory(), cancellationToken);
        return events;
    }

    private async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_current_snapshot()::text");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The next events after <paramref name="after"/> whose transaction had committed when <paramref name="snapshot"/> was taken.</summary>
    private async Task<List<(long Seq, JsonObject Line)>> PageAsync(string snapshot, long after, CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        await using var command = dataSource.CreateCommand($"""
            SELECT e.seq_id, e.id, e.stream_id, s.type, e.version, e.type, e.mt_dotnet_type, e.data::text, e.headers::text,
                   e.user_name, e.correlation_id, e.causation_id, e.timestamp, e.tenant_id, h.tx_id::text, h.hash,
                   p.hash
            FROM "{schema}".mt_events e
            JOIN "{schema}".mt_streams s ON s.id = e.stream_id
            JOIN "{schema}".event_hashes h ON h.stream_id = e.stream_id AND h.version = e.version
            LEFT JOIN "{schema}".event_hashes p ON p.stream_id = e.stream_id AND p.version = e.version - 1
            WHERE e.seq_id > $1 AND e.type <> 'tombstone' AND pg_visible_in_snapshot(h.tx_id, $2::pg_snapshot)
            ORDER BY e.seq_id
            LIMIT {PageSize}
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot });
        var page = new List<(long, JsonObject)>(PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetInt64(0), new JsonObject
            {
                ["seq"] = reader.GetInt64(0),
                ["id"] = reader.GetGuid(1),
                ["streamId"] = reader.GetGuid(2),
                ["streamType"] = reader.IsDBNull(3) ? null : reader.GetString(3),
                ["version"] = reader.GetInt64(4),
                ["type"] = reader.GetString(5),
                ["dotnetType"] = reader.IsDBNull(6) ? null : reader.GetString(6),
                ["data"] = JsonNode.Parse(reader.GetString(7)),
                ["headers"] = reader.IsDBNull(8) ? null : JsonNode.Parse(reader.GetString(8)),
                ["userName"] = reader.IsDBNull(9) ? null : reader.GetString(9),
                ["correlationId"] = reader.IsDBNull(10) ? null : reader.GetString(10),
                ["causationId"] = reader.IsDBNull(11) ? null : reader.GetString(11),
                ["recordedAt"] = ArchiveLines.Time(reader.GetFieldValue<DateTimeOffset>(12)),
                ["tenantId"] = reader.IsDBNull(13) ? null : reader.GetString(13),
                ["tx"] = reader.GetString(14),
                ["hash"] = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(15)),
                ["previous"] = reader.IsDBNull(16) ? null : Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(16)),
            }));
        }

        return page;
    }

    /// <summary>
    /// The digest of the incident's view at the version the snapshot saw: the stored state when it
    /// is at that version (the incident has not changed since), else the one fold from its nearest
    /// snapshot document.
    /// </summary>
    private async Task<string?> DigestAsync(Guid id, long version, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<IncidentState>(id, cancellationToken);
        var state = stored?.Version == version
            ? stored
            : await machine.StateAsync(session, id, version, null, cancellationToken) is PastState.Found found ? found.State with { Id = id } : null;
        return state is null ? null : ArchiveLines.Digest(JsonSerializer.Serialize(IncidentViewBuilder.Build(id, state, ViewPoint.Current), IncidentJson.Options));
    }
}
