using System.Text.Json;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Store;

/// <summary>
/// An event of an incident's stream as mt_events holds it, with its data deserialized (null when
/// it cannot be read: <see cref="Failure"/> says why).
/// </summary>
public sealed record StoredEvent(
    Guid StreamId, long Version, long Sequence, string Type, DateTimeOffset RecordedAt, string? UserName, string? CorrelationId, object? Data, Exception? Failure)
{
    public StreamEvent ToStreamEvent() => new(Data!, Version, RecordedAt, UserName ?? IncidentFold.Anonymous, CorrelationId);
}

/// <summary>
/// Reads incident events straight from mt_events with Npgsql and deserializes their data with
/// System.Text.Json, as the store wrote it (<see cref="IncidentJson.Options"/>), in stream order:
/// the bulk paths (the rebuild, the statistics, verify) fold whole streams at several times the
/// rate of Marten's event loader, which reads every header and metadata column of every event
/// through its own deserializer (docs/adr/0006). What they fold is the same fold the inline
/// projection runs (<see cref="IncidentFold"/>), and verify compares the two.
/// </summary>
public static class StoredEvents
{
    /// <summary>The stored names of the event types an incident's stream folds (EventTypes.OfIncident).</summary>
    public static string[] IncidentTypes { get; } =
        [.. EventTypes.ByName.Where(t => EventTypes.OfIncident.Contains(t.Value)).Select(t => t.Key)];

    private const string Columns = "e.stream_id, e.version, e.seq_id, e.type, e.data, e.timestamp, e.user_name, e.correlation_id";

    /// <summary>
    /// Every event of the incidents <paramref name="ids"/> after version <paramref name="after"/>
    /// (one per id) and at or below sequence <paramref name="through"/> (null: all), by stream and version.
    /// </summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string schema, Guid[] ids, long[] after, long? through)
    {
        var command = new NpgsqlCommand($"""
            SELECT {Columns}
            FROM unnest($1::uuid[], $2::bigint[]) AS t(stream_id, after_version)
            JOIN "{schema}".mt_events e ON e.stream_id = t.stream_id AND e.version > t.after_version
            WHERE ($3::bigint IS NULL OR e.seq_id <= $3) AND e.type = ANY($4)
            ORDER BY e.stream_id, e.version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = after, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)through ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = IncidentTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }

    /// <summary>Reads a command of <see cref="Command"/>: each incident's events in a list of its own, in the order of the ids' streams.</summary>
    public static async IAsyncEnumerable<(Guid Id, List<StoredEvent> Events)> StreamsAsync(
        NpgsqlCommand command, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<StoredEvent>? events = null;
        var current = Guid.Empty;
        while (await reader.ReadAsync(cancellationToken))
        {
            var e = Read(reader);
            if (events is not null && e.StreamId != current)
            {
                yield return (current, events);
                events = null;
            }

            current = e.StreamId;
            (events ??= []).Add(e);
        }

        if (events is not null)
        {
            yield return (current, events);
        }
    }

    /// <summary>One row of <see cref="Columns"/>, its data deserialized by its stored type name.</summary>
    public static StoredEvent Read(NpgsqlDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var type = reader.GetString(3);
        object? data = null;
        Exception? failure = null;
        try
        {
            data = EventTypes.ByName.TryGetValue(type, out var clr)
                ? JsonSerializer.Deserialize(reader.GetString(4), clr, IncidentJson.Options)
                : throw new JsonException($"The event type '{type}' is not known.");
            if (data is null)
            {
                throw new JsonException($"The event's data is null.");
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            failure = ex;
        }

        return new StoredEvent(
            reader.GetGuid(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            type,
            reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            data,
            failure);
    }

    /// <summary>The fold of events read here, skipping those that cannot be read or folded (poison events, which verify names).</summary>
    public static IncidentState Fold(IEnumerable<StoredEvent> events, IncidentState? from = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = from ?? IncidentState.Initial;
        foreach (var e in events)
        {
            if (e.Data is not null)
            {
                state = IncidentFold.Evolve(state, e.ToStreamEvent());
            }
        }

        return state;
    }
}
