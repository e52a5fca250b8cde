using System.Text.Json;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Sources;
using Npgsql;

namespace AttackTracker.Api.Incidents;

/// <summary>Reads and writes the stored incident row: the folded state, the view built from it, and the summary columns.</summary>
public sealed class IncidentRows(string schema)
{
    /// <summary>A snapshot of the state is kept at every multiple of this version.</summary>
    public const int SnapshotInterval = 100;

    private readonly string _snapshot = $"""
        INSERT INTO {schema}.incident_snapshots (incident_id, version, recorded_at, state) VALUES ($1, $2, $3, $4::json)
        ON CONFLICT (incident_id, version) DO NOTHING
        """;
    // The nearest snapshot at or below the point, and the first snapshot recorded after it: the
    // events between them are all the fold may need, so the read stops there.
    private readonly string _nearestSnapshot = $"""
        SELECT (SELECT state FROM {schema}.incident_snapshots
                WHERE incident_id = $1 AND version <= $2 AND recorded_at <= $3
                ORDER BY version DESC LIMIT 1),
               (SELECT min(version) FROM {schema}.incident_snapshots WHERE incident_id = $1 AND recorded_at > $3)
        """;
    private readonly string _select = $"SELECT state FROM {schema}.incidents WHERE id = $1";
    private readonly string _upsert = $"""
        INSERT INTO {schema}.incidents AS i (id, version, title, occurred_on, country, search_text, killed_best, wounded_best, report_count, last_recorded_at, state, view)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12::json)
        ON CONFLICT (id) DO UPDATE SET
            version = EXCLUDED.version, title = EXCLUDED.title, occurred_on = EXCLUDED.occurred_on, country = EXCLUDED.country,
            search_text = EXCLUDED.search_text, killed_best = EXCLUDED.killed_best, wounded_best = EXCLUDED.wounded_best,
            report_count = EXCLUDED.report_count, last_recorded_at = EXCLUDED.last_recorded_at, state = EXCLUDED.state, view = EXCLUDED.view
        WHERE i.version < EXCLUDED.version
        """;

    public async Task<IncidentState?> LoadStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_select, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        var json = await command.ExecuteScalarAsync(cancellationToken) as string;
        return json is null ? null : JsonSerializer.Deserialize<IncidentState>(json, IncidentJson.Options);
    }

    public static bool IsSnapshotVersion(long version) => version % SnapshotInterval == 0;

    public NpgsqlBatchCommand Snapshot(Guid id, IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var command = new NpgsqlBatchCommand(_snapshot);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.Version });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = state.LastRecordedAt ?? DateTimeOffset.MinValue });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(state, IncidentJson.Options) });
        return command;
    }

    /// <summary>
    /// The newest snapshot at or below <paramref name="version"/> and recorded by <paramref name="recordedAsOf"/>,
    /// and the version of the first snapshot recorded after <paramref name="recordedAsOf"/> (null when none is).
    /// </summary>
    public async Task<(IncidentState? State, long? RecordedLaterAt)> NearestSnapshotAsync(NpgsqlDataSource dataSource, Guid id, long version, DateTimeOffset recordedAsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(_nearestSnapshot);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAsOf });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var state = reader.IsDBNull(0) ? null : JsonSerializer.Deserialize<IncidentState>(reader.GetString(0), IncidentJson.Options);
        return (state, reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    public NpgsqlBatchCommand Upsert(Guid id, IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var view = IncidentViewBuilder.Build(id, state, ViewPoint.Current);
        var command = new NpgsqlBatchCommand(_upsert);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        p.Add(new NpgsqlParameter<long> { TypedValue = state.Version });
        p.Add(new NpgsqlParameter { Value = (object?)view.Title ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = view.OccurredOn is { } on ? on.Date : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        p.Add(new NpgsqlParameter { Value = (object?)view.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string> { TypedValue = SourceNames.Normalize($"{view.Title} {view.Place}") });
        p.Add(new NpgsqlParameter { Value = (object?)view.Casualties.Killed?.Best ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        p.Add(new NpgsqlParameter { Value = (object?)view.Casualties.Wounded?.Best ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        p.Add(new NpgsqlParameter<int> { TypedValue = view.ReportCount });
        p.Add(new NpgsqlParameter { Value = (object?)state.LastRecordedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(state, IncidentJson.Options) });
        p.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(view, IncidentJson.Options) });
        return command;
    }
}
