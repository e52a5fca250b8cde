using System.Globalization;
using System.Text;
using System.Text.Json;
using AttackTracker.Api.Statistics;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Admin;

/// <summary>
/// The statistics' rows of some incidents, as verify compares them with a fresh fold: each row as
/// one line of text (axis, interval, every column, its groups in order), so stored and folded rows
/// compare as strings and a difference can be named.
/// </summary>
public static class StoredSpans
{
    /// <summary>Each incident's rows, as lines in order of axis and start.</summary>
    public static async Task<Dictionary<Guid, List<string>>> ReadAsync(NpgsqlConnection connection, string schema, Guid[] ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"""
            SELECT s.incident_id, s.axis::text, s.valid_from, nullif(s.valid_to, 'infinity'), s.title, s.country, s.year, s.occurred_on, s.historical,
              s.killed_low, s.killed_best, s.killed_high, s.killed_status, s.wounded_low, s.wounded_best, s.wounded_high, s.wounded_status,
              s.disputed, s.single_source, s.attack_types::int[], s.weapon_types::int[], s.last_sequence,
              g.slugs, g.names, g.claimed, g.attributed, g.claims
            FROM "{schema}".stats_spans s
            LEFT JOIN LATERAL (
              SELECT array_agg(g.slug ORDER BY g.slug) AS slugs, array_agg(g.name ORDER BY g.slug) AS names, array_agg(g.claimed ORDER BY g.slug) AS claimed,
                array_agg(g.attributed ORDER BY g.slug) AS attributed, array_agg(coalesce(g.claims::text, '') ORDER BY g.slug) AS claims
              FROM "{schema}".stats_span_groups g WHERE g.span_id = s.span_id) g ON true
            WHERE s.incident_id = ANY($1)
            ORDER BY s.incident_id, s.axis, s.valid_from
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var rows = new Dictionary<Guid, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            var groups = reader.IsDBNull(22) ? [] : reader.GetFieldValue<string[]>(22).Select((slug, i) => Canonical(
                slug, reader.GetFieldValue<string[]>(23)[i], reader.GetFieldValue<bool[]>(24)[i], reader.GetFieldValue<bool[]>(25)[i], reader.GetFieldValue<string[]>(26)[i])).ToList();
            var line = Line(
                reader.GetString(1)[0],
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                [Text(4), Text(5), Text(6), Text(7), Text(8), Text(9), Text(10), Text(11), Text(12), Text(13), Text(14), Text(15), Text(16), Text(17), Text(18)],
                reader.GetFieldValue<int[]>(19),
                reader.GetFieldValue<int[]>(20),
                reader.GetInt64(21),
                groups);
            var id = reader.GetGuid(0);
            if (!rows.TryGetValue(id, out var lines))
            {
                rows[id] = lines = [];
            }

            lines.Add(line);
        }

        return rows;
    }

    /// <summary>The lines of rows folded afresh, as <see cref="ReadAsync"/> gives stored ones.</summary>
    public static List<string> Lines(IncidentSpans spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        return [.. spans.Published.Select(s => Line('p', s)).Concat(spans.Recorded.Select(s => Line('r', s)))];
    }

    private static string Line(char axis, ContributionSpan span)
    {
        var c = span.Contribution;
        string? N(int? value) => value?.ToString(CultureInfo.InvariantCulture);
        string B(bool value) => value ? "True" : "False";
        return Line(
            axis,
            span.ValidFrom,
            span.ValidTo,
            [c.Title, c.Country, N(c.Year), c.OccurredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), B(Countries.IsHistorical(c.Country)),
             N(c.Killed?.Low), N(c.Killed?.Best), N(c.Killed?.High), N(c.Killed is null ? null : (int)c.Killed.Status),
             N(c.Wounded?.Low), N(c.Wounded?.Best), N(c.Wounded?.High), N(c.Wounded is null ? null : (int)c.Wounded.Status),
             B(c.Disputed), B(c.SingleSource)],
            [.. c.AttackTypes.Select(t => t.Code)],
            [.. c.WeaponTypes.Select(t => t.Code)],
            c.LastSequence,
            c.Groups.OrderBy(g => g.Slug, StringComparer.Ordinal).Select(g => string.Join('|', g.Slug, g.Name, B(g.Claimed), B(g.Attributed),
                axis == 'r' && g.Claims.Count > 0 ? JsonSerializer.Serialize(g.Claims, IncidentJson.Options) : "")));
    }

    private static string Line(char axis, DateTimeOffset from, DateTimeOffset? to, string?[] columns, int[] attackTypes, int[] weaponTypes, long lastSequence, IEnumerable<string> groups)
    {
        var text = new StringBuilder();
        text.Append(axis).Append(" [").Append(Instant(from)).Append(", ").Append(to is { } end ? Instant(end) : "infinity").Append(") ");
        text.AppendJoin('|', columns.Select(c => c ?? "-"));
        text.Append(" attack {").AppendJoin(',', attackTypes).Append("} weapon {").AppendJoin(',', weaponTypes).Append('}');
        text.Append(" last ").Append(lastSequence.ToString(CultureInfo.InvariantCulture));
        text.Append(" groups [").AppendJoin("; ", groups).Append(']');
        return text.ToString();
    }

    /// <summary>An instant to the microsecond, as PostgreSQL keeps it.</summary>
    private static string Instant(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A stored group with its claims written as the fold writes them.</summary>
    private static string Canonical(string slug, string name, bool claimed, bool attributed, string claims) => string.Join(
        '|',
        slug,
        name,
        claimed ? "True" : "False",
        attributed ? "True" : "False",
        claims.Length > 0 ? JsonSerializer.Serialize(JsonSerializer.Deserialize<List<GroupClaim>>(claims, IncidentJson.Options), IncidentJson.Options) : "");
}
