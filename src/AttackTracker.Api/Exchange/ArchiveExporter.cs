using System.Buffers;
using System.Text.Json;
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

    /// <summary>Incidents whose view digests are computed from one query of their stored states.</summary>
    public const int DigestBatch = 500;

    public async Task<long> ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        // Lines are written compact into one buffer and sent to the client 64 KiB at a time.
        var lines = new ArrayBufferWriter<byte>(80 * 1024);
        await using var json = new Utf8JsonWriter(lines, new JsonWriterOptions { Encoder = ArchiveLines.Json.Encoder, SkipValidation = true });
        async ValueTask WriteLineAsync(Action<Utf8JsonWriter> write)
        {
            json.Reset(lines);
            write(json);
            json.Flush();
            lines.GetSpan(1)[0] = (byte)'\n';
            lines.Advance(1);
            if (lines.WrittenCount >= 64 * 1024)
            {
                await output.WriteAsync(lines.WrittenMemory, cancellationToken);
                lines.ResetWrittenCount();
            }
        }

        var snapshot = await slots.RunAsync(SnapshotAsync, cancellationToken);
        var heads = new Dictionary<Guid, (string? Type, long Version)>();
        long events = 0, after = 0;
        while (true)
        {
            var page = await slots.RunAsync(token => PageAsync(snapshot, after, token), cancellationToken);
            foreach (var row in page)
            {
                await WriteLineAsync(row.Write);
                heads[row.StreamId] = (row.StreamType, row.Version);
                after = row.Seq;
                events++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        var incidents = heads.Where(h => h.Value.Type == IncidentReader.StreamType).Select(h => (Id: h.Key, h.Value.Version)).OrderBy(h => h.Id).ToList();
        foreach (var batch in incidents.Chunk(DigestBatch))
        {
            var digests = await slots.RunAsync(token => DigestsAsync(batch, token), cancellationToken);
            foreach (var (id, version) in batch)
            {
                await WriteLineAsync(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("view");
                    w.WriteString("streamId", id);
                    w.WriteNumber("version", version);
                    WriteText(w, "sha256", digests[id]);
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
        }

        await WriteLineAsync(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("end");
            w.WriteNumber("events", events);
            w.WriteNumber("incidents", incidents.Count);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        await output.WriteAsync(lines.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return events;
    }

    private async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_current_snapshot()::text");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The next events after <paramref name="after"/> whose transaction had committed when <paramref name="snapshot"/> was taken.</summary>
    private async Task<List<ArchivedRow>> PageAsync(string snapshot, long after, CancellationToken cancellationToken)
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
        var page = new List<ArchivedRow>(PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new ArchivedRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetFieldValue<DateTimeOffset>(12),
                reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.GetString(14),
                reader.GetFieldValue<byte[]>(15),
                reader.IsDBNull(16) ? null : reader.GetFieldValue<byte[]>(16)));
        }

        return page;
    }

    /// <summary>
    /// The digests of the incidents' views at the versions the snapshot saw: the stored states of a
    /// batch in one query, used where they are at that version (the incident has not changed
    /// since), else the one fold from the incident's nearest snapshot document.
    /// </summary>
    private async Task<Dictionary<Guid, string?>> DigestsAsync((Guid Id, long Version)[] batch, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var stored = (await session.LoadManyAsync<IncidentState>(cancellationToken, batch.Select(b => b.Id))).ToDictionary(s => s.Id);
        var digests = new Dictionary<Guid, string?>(batch.Length);
        foreach (var (id, version) in batch)
        {
            var state = stored.TryGetValue(id, out var current) && current.Version == version
                ? current
                : await machine.StateAsync(session, id, version, null, cancellationToken) is PastState.Found found ? found.State with { Id = id } : null;
            digests[id] = state is null ? null : ArchiveLines.Digest(JsonSerializer.Serialize(IncidentViewBuilder.Build(id, state, ViewPoint.Current), IncidentJson.Options));
        }

        return digests;
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// One event's archive line: its data and headers copied from their stored JSON (re-written
    /// compact, as the line's own escaping has it), the rest from their columns, in the format's order.
    /// </summary>
    private sealed record ArchivedRow(
        long Seq, Guid Id, Guid StreamId, string? StreamType, long Version, string Type, string? DotnetType, string Data, string? Headers,
        string? UserName, string? CorrelationId, string? CausationId, DateTimeOffset RecordedAt, string? TenantId, string Tx, byte[] Hash, byte[]? Previous)
    {
        public void Write(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteNumber("seq", Seq);
            w.WriteString("id", Id);
            w.WriteString("streamId", StreamId);
            WriteText(w, "streamType", StreamType);
            w.WriteNumber("version", Version);
            w.WriteString("type", Type);
            WriteText(w, "dotnetType", DotnetType);
            WriteJson(w, "data", Data);
            if (Headers is null)
            {
                w.WriteNull("headers");
            }
            else
            {
                WriteJson(w, "headers", Headers);
            }

            WriteText(w, "userName", UserName);
            WriteText(w, "correlationId", CorrelationId);
            WriteText(w, "causationId", CausationId);
            w.WriteString("recordedAt", ArchiveLines.Time(RecordedAt));
            WriteText(w, "tenantId", TenantId);
            w.WriteString("tx", Tx);
            w.WriteString("hash", Convert.ToHexStringLower(Hash));
            WriteText(w, "previous", Previous is null ? null : Convert.ToHexStringLower(Previous));
            w.WriteEndObject();
        }

        private static void WriteJson(Utf8JsonWriter w, string name, string json)
        {
            w.WritePropertyName(name);
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(w);
        }
    }
}
