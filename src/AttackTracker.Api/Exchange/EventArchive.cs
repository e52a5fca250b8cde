using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Admin;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Exchange;

public sealed record RestoreResult(long Events, int Streams, int ViewsCompared, int ChainsVerified);

/// <summary>An archive line that cannot be restored, with its 1-based line number.</summary>
public sealed class ArchiveException(long line, string message) : Exception($"line {line}: {message}")
{
    public long Line { get; } = line;
}

/// <summary>
/// The event log as JSON Lines (docs/export.md): one line per event in global order with its
/// metadata, the transaction it was committed in and its hash-chain link, then one line per
/// incident with the SHA-256 of its current view, then an end line with the counts. Restore loads
/// such a file into an empty database, transaction by transaction as they were committed, so the
/// database's own trigger recomputes every link; a line whose link does not match is refused with its number.
/// </summary>
public sealed class EventArchive(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, IncidentViews views, ProjectionRebuilder rebuilder)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<long> ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        long events = 0;
        // One snapshot of the log: the lines, the views and the counts agree with each other.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var command = new NpgsqlCommand($"""
            SELECT e.seq_id, e.id, e.stream_id, s.type, e.version, e.type, e.mt_dotnet_type, e.data::text, e.headers::text,
                   e.user_name, e.correlation_id, e.causation_id, e.timestamp, e.tenant_id, h.tx_id::text, h.hash,
                   p.hash
            FROM "{schema}".mt_events e
            JOIN "{schema}".mt_streams s ON s.id = e.stream_id
            JOIN "{schema}".event_hashes h ON h.stream_id = e.stream_id AND h.version = e.version
            LEFT JOIN "{schema}".event_hashes p ON p.stream_id = e.stream_id AND p.version = e.version - 1
            WHERE e.type <> 'tombstone'
            ORDER BY e.seq_id
            """, connection, transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var line = new JsonObject
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
                    ["recordedAt"] = reader.GetFieldValue<DateTimeOffset>(12).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
                    ["tenantId"] = reader.IsDBNull(13) ? null : reader.GetString(13),
                    ["tx"] = reader.GetString(14),
                    ["hash"] = Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(15)),
                    ["previous"] = reader.IsDBNull(16) ? null : Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(16)),
                };
                await text.WriteLineAsync(line.ToJsonString(Json).AsMemory(), cancellationToken);
                events++;
            }
        }

        var incidents = await IncidentIdsAsync(connection, transaction, cancellationToken);
        await using (var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            foreach (var id in incidents)
            {
                var view = await views.CurrentAsync(session, id, cancellationToken);
                var line = new JsonObject { ["view"] = new JsonObject { ["streamId"] = id, ["version"] = view?.Version, ["sha256"] = view is null ? null : Digest(view.Json) } };
                await text.WriteLineAsync(line.ToJsonString(Json).AsMemory(), cancellationToken);
            }
        }

        await text.WriteLineAsync(new JsonObject { ["end"] = new JsonObject { ["events"] = events, ["incidents"] = incidents.Count } }.ToJsonString(Json).AsMemory(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events;
    }

    /// <summary>
    /// Reads the archive twice: first every line is checked against the chain without writing
    /// (the database's own hash function recomputes each link), so a refused archive leaves the
    /// database empty; then it is written, and the views and chains are compared.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(Func<TextReader> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        using (var check = open())
        {
            await LoadAsync(check, write: false, cancellationToken);
        }

        using var input = open();
        return await LoadAsync(input, write: true, cancellationToken);
    }

    private async Task<RestoreResult> LoadAsync(TextReader input, bool write, CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var any = new NpgsqlCommand($"""SELECT EXISTS (SELECT 1 FROM "{schema}".mt_streams)""", connection))
        {
            if (await any.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new ArchiveException(0, "the database holds streams already; restore only into an empty database.");
            }
        }

        var heads = new Dictionary<Guid, (long Version, string Hash, DateTimeOffset RecordedAt)>();
        var incidents = new HashSet<Guid>();
        var expectedViews = new Dictionary<Guid, string?>();
        long lineNumber = 0, events = 0;
        bool ended = false;
        string? currentTx = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            while (await input.ReadLineAsync(cancellationToken) is { } raw)
            {
                lineNumber++;
                if (raw.Length == 0)
                {
                    continue;
                }

                if (ended)
                {
                    throw new ArchiveException(lineNumber, "there is text after the end line.");
                }

                try
                {
                    JsonObject line;
                    try
                    {
                        line = JsonNode.Parse(raw) as JsonObject ?? throw new ArchiveException(lineNumber, "is not a JSON object.");
                    }
                    catch (JsonException ex)
                    {
                        throw new ArchiveException(lineNumber, $"is not JSON ({ex.Message}).");
                    }

                    if (line["view"] is JsonObject view)
                    {
                        expectedViews[Guid(view, "streamId", lineNumber)] = (string?)view["sha256"];
                        continue;
                    }

                    if (line["end"] is JsonObject end)
                    {
                        if ((long?)end["events"] != events)
                        {
                            throw new ArchiveException(lineNumber, $"the end line counts {(long?)end["events"]} events; the archive holds {events}: lines are missing.");
                        }

                        // Every incident's view line must be there: a deleted one would go uncompared.
                        var incidentStreams = incidents.Count;
                        var missing = incidents.FirstOrDefault(id => !expectedViews.ContainsKey(id));
                        if ((long?)end["incidents"] != incidentStreams || expectedViews.Count != incidentStreams || missing != default)
                        {
                            throw new ArchiveException(lineNumber, $"the end line counts {(long?)end["incidents"]} incidents; the archive holds {incidentStreams} incident streams and {expectedViews.Count} view lines{(missing != default ? $" (none for {missing})" : string.Empty)}.");
                        }

                        ended = true;
                        continue;
                    }

                    var tx = Text(line, "tx", lineNumber);
                    if (tx != currentTx && transaction is not null)
                    {
                        await transaction.CommitAsync(cancellationToken);
                        await transaction.DisposeAsync();
                        transaction = null;
                    }

                    currentTx = tx;
                    transaction ??= write ? await connection.BeginTransactionAsync(cancellationToken) : null;
                    await RestoreEventAsync(connection, transaction, line, lineNumber, heads, cancellationToken);
                    if ((string?)line["streamType"] == IncidentReader.StreamType)
                    {
                        incidents.Add(Guid(line, "streamId", lineNumber));
                    }
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
                {
                    // A field of the wrong JSON type or form (a date, a version, a hash).
                    throw new ArchiveException(lineNumber, $"a field has the wrong type or form: {ex.Message}");
                }

                events++;
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        if (!ended)
        {
            throw new ArchiveException(lineNumber + 1, "the end line is missing: the archive is cut short.");
        }

        if (!write)
        {
            return new RestoreResult(events, heads.Count, 0, 0);
        }

        await rebuilder.RebuildAsync(null, cancellationToken, commandLine: true);
        var chains = 0;
        foreach (var stream in heads.Keys)
        {
            await using var verify = new NpgsqlCommand($"""SELECT o_problem FROM "{schema}".verify_stream($1)""", connection);
            verify.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
            if (await verify.ExecuteScalarAsync(cancellationToken) is string problem)
            {
                throw new ArchiveException(0, $"stream {stream} does not verify after the restore: {problem}.");
            }

            chains++;
        }

        await using var session = store.QuerySession();
        foreach (var (id, expected) in expectedViews)
        {
            var view = await views.CurrentAsync(session, id, cancellationToken);
            if ((view is null ? null : Digest(view.Json)) != expected)
            {
                throw new ArchiveException(0, $"the restored view of incident {id} differs from the original's.");
            }
        }

        return new RestoreResult(events, heads.Count, expectedViews.Count, chains);
    }

    private async Task RestoreEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, JsonObject line, long lineNumber,
        Dictionary<Guid, (long Version, string Hash, DateTimeOffset RecordedAt)> heads, CancellationToken cancellationToken)
    {
        var schema = settings.Schema;
        var stream = Guid(line, "streamId", lineNumber);
        var version = (long?)line["version"] ?? throw new ArchiveException(lineNumber, "'version' is missing.");
        var recordedAt = DateTimeOffset.Parse(Text(line, "recordedAt", lineNumber), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var hash = Text(line, "hash", lineNumber);
        var previous = (string?)line["previous"];
        heads.TryGetValue(stream, out var head);
        if (version != head.Version + 1)
        {
            throw new ArchiveException(lineNumber, $"event {version} of stream {stream} follows version {head.Version}: an event is missing or out of order.");
        }

        if (previous != (head.Version == 0 ? null : head.Hash))
        {
            throw new ArchiveException(lineNumber, $"its link to the previous event of stream {stream} does not match that event's hash.");
        }

        var tenant = (object?)(string?)line["tenantId"] ?? "*DEFAULT*";
        if (transaction is null)
        {
            // The check: the link the database would compute, nothing written.
            await using var compute = new NpgsqlCommand($"""
                SELECT encode("{schema}".event_hash(decode($1, 'hex'), $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10), 'hex')
                """, connection);
            compute.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)previous ?? DBNull.Value });
            compute.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
            compute.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            compute.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Text(line, "type", lineNumber) });
            compute.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = line["data"]?.ToJsonString() ?? throw new ArchiveException(lineNumber, "'data' is missing.") });
            compute.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = line["headers"] is { } h ? h.ToJsonString() : DBNull.Value });
            compute.Parameters.Add(Nullable(line, "userName"));
            compute.Parameters.Add(Nullable(line, "correlationId"));
            compute.Parameters.Add(Nullable(line, "causationId"));
            compute.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt.ToUniversalTime() });
            string? computed;
            try
            {
                computed = (string?)await compute.ExecuteScalarAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new ArchiveException(lineNumber, $"the database cannot read the event: {ex.MessageText}");
            }

            if (computed != hash)
            {
                throw new ArchiveException(lineNumber, $"its hash does not match its content: the line was changed (stream {stream}, version {version}).");
            }

            heads[stream] = (version, hash, recordedAt);
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var stream_ = new NpgsqlBatchCommand($"""
            INSERT INTO "{schema}".mt_streams (id, type, version, timestamp, created, tenant_id) VALUES ($1, $2, $3, $4, $4, $5)
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, timestamp = EXCLUDED.timestamp
            """);
        stream_.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        stream_.Parameters.Add(Nullable(line, "streamType"));
        stream_.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        stream_.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt.ToUniversalTime() });
        stream_.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = tenant });
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO "{schema}".mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name)
            VALUES (nextval('"{schema}".mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid(line, "id", lineNumber) });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = line["data"]?.ToJsonString() ?? throw new ArchiveException(lineNumber, "'data' is missing.") });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Text(line, "type", lineNumber) });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = tenant });
        insert.Parameters.Add(Nullable(line, "dotnetType"));
        insert.Parameters.Add(Nullable(line, "correlationId"));
        insert.Parameters.Add(Nullable(line, "causationId"));
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = line["headers"] is { } headers ? headers.ToJsonString() : DBNull.Value });
        insert.Parameters.Add(Nullable(line, "userName"));
        var link = new NpgsqlBatchCommand($"""SELECT encode(hash, 'hex') FROM "{schema}".event_hashes WHERE stream_id = $1 AND version = $2""");
        link.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = stream });
        link.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        batch.BatchCommands.Add(stream_);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(link);
        string? stored;
        try
        {
            stored = (string?)await batch.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new ArchiveException(lineNumber, $"the database refused the event: {ex.MessageText}");
        }

        if (stored != hash)
        {
            throw new ArchiveException(lineNumber, $"its hash does not match its content: the line was changed (stream {stream}, version {version}).");
        }

        heads[stream] = (version, hash, recordedAt);
    }

    private async Task<List<Guid>> IncidentIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""SELECT id FROM "{settings.Schema}".mt_streams WHERE type = '{IncidentReader.StreamType}' ORDER BY id""", connection, transaction);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public static string Digest(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static NpgsqlParameter Nullable(JsonObject line, string name) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)(string?)line[name] ?? DBNull.Value };

    private static string Text(JsonObject line, string name, long lineNumber)
    {
        try
        {
            return (string?)line[name] ?? throw new ArchiveException(lineNumber, $"'{name}' is missing.");
        }
        catch (InvalidOperationException)
        {
            throw new ArchiveException(lineNumber, $"'{name}' must be text.");
        }
    }

    private static Guid Guid(JsonObject line, string name, long lineNumber) =>
        System.Guid.TryParse(Text(line, name, lineNumber), out var id) ? id : throw new ArchiveException(lineNumber, $"'{name}' must be a UUID.");
}
