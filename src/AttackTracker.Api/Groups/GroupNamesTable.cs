using AttackTracker.Api.Store;
using AttackTracker.Domain.Groups;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Groups;

/// <summary>The names the groups hold now (by slug), and the latest time the table records anything at.</summary>
public sealed record CurrentGroupNames(IReadOnlyDictionary<string, GroupNameRow> Rows, DateTimeOffset? Latest);

/// <summary>
/// The identity table (Sql/0013, group_names): read whole at a point of the recording axis (it holds
/// a row per name a group has held, a few per group), and changed by a group write in its own
/// unit of work.
/// </summary>
public sealed class GroupNamesTable(ReadSessions reads, StoreSettings settings)
{
    private const string Columns = "slug, name, group_id, canonical_slug, canonical_name";

    /// <summary>The identity at <paramref name="recordedAt"/> on the recording axis (now when null).</summary>
    public async Task<GroupResolution> ResolutionAsync(DateTimeOffset? recordedAt, CancellationToken cancellationToken) =>
        new(await RowsAsync(recordedAt, cancellationToken));

    public async Task<List<GroupNameRow>> RowsAsync(DateTimeOffset? recordedAt, CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand($"""
            SELECT {Columns} FROM "{settings.Schema}".group_names
            WHERE CASE WHEN $1::timestamptz IS NULL THEN recorded_to = 'infinity' ELSE recorded_from <= $1 AND $1 < recorded_to END
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = recordedAt is { } t ? t.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var rows = new List<GroupNameRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Row(reader));
        }

        return rows;
    }

    /// <summary>
    /// Every distinct group name the statistics have seen (claims and attributions, any time), for
    /// the suggestions: the names as the rows keep them (without a bracketed remark) and each claimant
    /// as the reports wrote it ("Islamic State of Iraq and the Levant (ISIL)").
    /// </summary>
    public async Task<List<string>> NamesSeenAsync(CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand($"""
            SELECT name FROM "{settings.Schema}".stats_span_groups
            UNION
            SELECT c->>'claimant' FROM "{settings.Schema}".stats_span_groups g, jsonb_array_elements(g.claims) c
            WHERE jsonb_typeof(g.claims) = 'array' AND c->>'claimant' IS NOT NULL
            """);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The current rows, for a write's load batch (after the groups' lock).</summary>
    internal static WriteStatement<CurrentGroupNames> Current(string schema) =>
        new(
            [$"""SELECT {Columns} FROM "{schema}".group_names WHERE recorded_to = 'infinity'""", $"""SELECT max(recorded_from) FROM "{schema}".group_names"""],
            [],
            static async (reader, token) =>
        {
            var rows = new Dictionary<string, GroupNameRow>(StringComparer.Ordinal);
            while (await reader.ReadAsync(token))
            {
                var row = Row(reader);
                rows[row.Slug] = row;
            }

            await reader.NextResultAsync(token);
            await reader.ReadAsync(token);
            return new CurrentGroupNames(rows, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0));
        });

    /// <summary>Queues a commit's changes: the rows that end at <paramref name="at"/>, then those that begin there.</summary>
    internal static void Queue(IDocumentSession session, string schema, (IReadOnlyList<string> Ended, IReadOnlyList<GroupNameRow> Begun) changes, DateTimeOffset at)
    {
        if (changes.Ended.Count > 0)
        {
            session.QueueSqlCommand($"""UPDATE "{schema}".group_names SET recorded_to = ? WHERE slug = ANY(?) AND recorded_to = 'infinity'""", at, changes.Ended.ToArray());
        }

        foreach (var row in changes.Begun)
        {
            session.QueueSqlCommand(
                $"""INSERT INTO "{schema}".group_names ({Columns}, recorded_from) VALUES (?, ?, ?, ?, ?, ?)""",
                row.Slug, row.Name, row.GroupId, row.CanonicalSlug, row.CanonicalName, at);
        }
    }

    private static GroupNameRow Row(System.Data.Common.DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4));
}
