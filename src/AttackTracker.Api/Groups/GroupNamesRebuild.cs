using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Groups;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Groups;

/// <summary>
/// The identity table rebuilt from the group streams (by the read-model rebuild and after a
/// restore): every group event in the order it was committed, each commit's changes computed as
/// the write path computes them (<see cref="GroupNameRows.Changes"/>), and the table replaced in
/// one transaction that holds the groups' lock, so a group write waits for it.
/// </summary>
public static class GroupNamesRebuild
{
    /// <summary>The name the rebuild and verify know the table by.</summary>
    public const string ProjectionName = "group_names";

    public static async Task<int> RunAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locked = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            locked.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"attacktracker:groups:{schema}" });
            await locked.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = await RowsAsync(connection, transaction, schema, cancellationToken);
        await using (var clear = new NpgsqlCommand($"""DELETE FROM "{schema}".group_names""", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO "{schema}".group_names (slug, name, group_id, canonical_slug, canonical_name, recorded_from, recorded_to)
            SELECT u.slug, u.name, u.group_id, u.canonical_slug, u.canonical_name, u.recorded_from, coalesce(u.recorded_to, 'infinity')
            FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
              AS u(slug, name, group_id, canonical_slug, canonical_name, recorded_from, recorded_to)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Slug)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Name)] });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.Row.GroupId)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.CanonicalSlug)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.CanonicalName)] });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.From).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (object?)r.To ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>The rows the group streams stand for, each with its interval of the recording axis (no end while it holds).</summary>
    public static async Task<List<(GroupNameRow Row, DateTime From, DateTime? To)>> RowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"""
            SELECT e.stream_id, e.version, e.type, e.data, e.timestamp
            FROM "{schema}".mt_streams s JOIN "{schema}".mt_events e ON e.stream_id = s.id
            WHERE s.type = '{GroupWrites.StreamType}'
            ORDER BY e.seq_id
            """, connection, transaction);
        var states = new Dictionary<Guid, GroupState>();
        var open = new Dictionary<string, (GroupNameRow Row, DateTime From)>(StringComparer.Ordinal);
        var rows = new List<(GroupNameRow, DateTime, DateTime?)>();
        var commit = new List<(Guid Id, GroupState Before)>();
        DateTimeOffset? at = null;

        void Close()
        {
            if (at is not { } t || commit.Count == 0)
            {
                return;
            }

            var (ended, begun) = GroupNameRows.Changes(commit.Select(c => c.Before), commit.Select(c => states[c.Id]));
            foreach (var slug in ended)
            {
                if (open.Remove(slug, out var row))
                {
                    rows.Add((row.Row, row.From, (DateTime?)t.UtcDateTime));
                }
            }

            foreach (var row in begun)
            {
                open[row.Slug] = (row, t.UtcDateTime);
            }

            commit.Clear();
        }

        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, version, type, timestamp) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(4));
                if (timestamp != at)
                {
                    Close();
                    at = timestamp;
                }

                var before = states.GetValueOrDefault(id) ?? GroupState.Initial with { Id = id };
                if (!commit.Exists(c => c.Id == id))
                {
                    commit.Add((id, before));
                }

                object? data = null;
                try
                {
                    data = EventTypes.ByName.TryGetValue(type, out var clr) ? JsonSerializer.Deserialize(reader.GetString(3), clr, IncidentJson.Options) : null;
                }
                catch (JsonException)
                {
                    // A poison event leaves the group as it was before it.
                }

                states[id] = data is null ? before : GroupFold.Evolve(before, data, version, timestamp);
            }
        }

        Close();
        rows.AddRange(open.Values.Select(o => (o.Row, o.From, (DateTime?)null)));
        return rows;
    }

    /// <summary>For verify: what differs between the stored table and the rows the group streams stand for (empty when they agree).</summary>
    public static async Task<List<string>> DifferencesAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var expected = (await RowsAsync(connection, transaction, schema, cancellationToken))
            .Select(r => $"{r.Row.Slug} → {r.Row.CanonicalSlug} ({r.Row.GroupId}) from {r.From:O} to {(r.To is { } to ? to.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "infinity")}")
            .ToHashSet(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"""
            SELECT slug, canonical_slug, group_id, recorded_from, recorded_to = 'infinity', recorded_to FROM "{schema}".group_names
            """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var to = reader.GetBoolean(4) ? "infinity" : reader.GetFieldValue<DateTime>(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                stored.Add($"{reader.GetString(0)} → {reader.GetString(1)} ({reader.GetGuid(2)}) from {reader.GetFieldValue<DateTime>(3):O} to {to}");
            }
        }

        return [.. expected.Except(stored).Select(r => $"missing from the table: {r}").Concat(stored.Except(expected).Select(r => $"in the table, not in the group streams: {r}")).Order(StringComparer.Ordinal)];
    }
}
