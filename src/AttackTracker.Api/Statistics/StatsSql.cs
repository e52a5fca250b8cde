using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Statistics;

/// <summary>Which rows of the statistics an answer aggregates: the current ones, or those valid at a point of one axis.</summary>
public enum StatsPoint
{
    Current,
    Published,
    Recorded,
}

/// <summary>
/// The statements that answer the statistics from their rows (Sql/0010): one aggregate over the
/// rows valid at the point asked (the recording axis's open rows for now), grouped, counted and
/// cut to a page in one statement. Groups come from the child table; attack and weapon types from
/// the rows' code arrays, named in the statement from the codebook so that keys sort as text.
/// A group's slug is resolved through the identity table (Sql/0013, group_names) as it stood at the
/// point on the recording axis (now for the current totals and for asOf: identity is an editorial
/// decision, not a published fact): a name a group holds counts as the group's canonical slug and
/// name, and an incident counts once per group even when two of its spellings are one group.
/// Parameters: $1 country, $2 from, $3 to, $4 group slug, $5 limit, $6 offset, $7 the point.
/// </summary>
public sealed class StatsSql(string schema)
{
    private static readonly string AttackKeys = KeyArray(Enum.GetValues<Domain.Reports.AttackType>().OrderBy(GtdCodebook.Code).Select(IncidentContribution.Name));
    private static readonly string WeaponKeys = KeyArray(Enum.GetValues<Domain.Reports.WeaponType>().OrderBy(GtdCodebook.Code).Select(IncidentContribution.Name));

    private readonly string _spans = $"\"{schema}\".stats_spans";
    private readonly string _groups = $"\"{schema}\".stats_span_groups";
    private readonly string _names = $"\"{schema}\".group_names";

    /// <summary>The rows valid at the point: a literal axis, so that the partial indexes of Sql/0010 apply.</summary>
    public static string Valid(StatsPoint point) => point switch
    {
        StatsPoint.Current => "s.axis = 'r' AND s.valid_to = 'infinity'",
        StatsPoint.Published => "s.axis = 'p' AND tstzrange(s.valid_from, s.valid_to) @> $7::timestamptz",
        _ => "s.axis = 'r' AND tstzrange(s.valid_from, s.valid_to) @> $7::timestamptz",
    };

    /// <summary>The identity rows (alias <paramref name="m"/>) that hold at the point: as recorded at $7 on the recording axis; now otherwise.</summary>
    public static string Holds(StatsPoint point, string m) => point == StatsPoint.Recorded
        ? $"{m}.recorded_from <= $7::timestamptz AND $7::timestamptz < {m}.recorded_to"
        : $"{m}.recorded_to = 'infinity'";

    public string Rows(StatsDimension by, StatsSort sort, StatsPoint point, bool knownGroupsOnly)
    {
        var join = knownGroupsOnly ? "JOIN" : "LEFT JOIN";
        // The spans tied to two or more names of one group (rare): the tie counts once, under its
        // first name by slug, claimed or attributed if any of them is. Computed once (MATERIALIZED,
        // not once per parallel worker) and hash-joined: a correlated subquery per tie made the
        // planner's estimate cross jit_above_cost, and JIT alone cost a second (docs/stats.md).
        var twice = by != StatsDimension.Group ? "" : $"""
            d AS MATERIALIZED (
              SELECT x2.span_id, m2.group_id, min(x2.slug COLLATE "C") AS first, bool_or(x2.claimed) AS claimed, bool_or(x2.attributed) AS attributed
              FROM {_names} m2 JOIN {_groups} x2 ON x2.slug = m2.slug
              WHERE {Holds(point, "m2")}
              GROUP BY 1, 2 HAVING count(*) > 1
            ),
            """;
        var (lateral, country, yearKey, key, label, code) = by switch
        {
            StatsDimension.Country => ("", "s.country", "NULL::int", "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.Year => ("", "NULL::text", "s.year", "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.CountryYear => ("", "s.country", "s.year", "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.Group => ($"{join} {_groups} x ON x.span_id = s.span_id LEFT JOIN {_names} m ON m.slug = x.slug AND {Holds(point, "m")} LEFT JOIN d ON d.span_id = s.span_id AND d.group_id = m.group_id",
                "NULL::text", "NULL::int", "COALESCE(m.canonical_slug, x.slug)",
                "mode() WITHIN GROUP (ORDER BY COALESCE(m.canonical_name, x.name) COLLATE \"C\")", "NULL::int"),
            StatsDimension.AttackType => ("LEFT JOIN LATERAL unnest(s.attack_types) x(code) ON true", "NULL::text", "NULL::int", $"({AttackKeys})[x.code]",
                "NULL::text", "min(x.code)::int"),
            _ => ("LEFT JOIN LATERAL unnest(s.weapon_types) x(code) ON true", "NULL::text", "NULL::int", $"({WeaponKeys})[x.code]",
                "NULL::text", "min(x.code)::int"),
        };
        var claimed = by == StatsDimension.Group ? "count(*) FILTER (WHERE COALESCE(d.claimed, x.claimed))::int" : "0";
        var attributed = by == StatsDimension.Group ? "count(*) FILTER (WHERE COALESCE(d.attributed, x.attributed))::int" : "0";
        var once = by == StatsDimension.Group ? "AND (d.span_id IS NULL OR x.slug = d.first)" : "";
        var historical = by is StatsDimension.Country or StatsDimension.CountryYear ? "bool_or(s.historical)" : "false";
        var lastSequence = point == StatsPoint.Current ? "max(s.last_sequence)" : "NULL::bigint";
        const string keyOrder = "country COLLATE \"C\" NULLS LAST, year NULLS LAST, key COLLATE \"C\" NULLS LAST";
        var order = sort switch
        {
            StatsSort.Incidents => "incidents DESC, " + keyOrder,
            StatsSort.Killed => "killed_best DESC NULLS LAST, " + keyOrder,
            StatsSort.Wounded => "wounded_best DESC NULLS LAST, " + keyOrder,
            _ => keyOrder,
        };
        return $"""
            WITH {twice}r AS (
              SELECT {country} AS country, {yearKey} AS year, {key} AS key, {label} AS label, {code} AS code,
                count(*)::int AS incidents,
                {Sums("killed")},
                {Sums("wounded")},
                count(*) FILTER (WHERE s.disputed)::int AS disputed,
                count(*) FILTER (WHERE s.single_source)::int AS single_source,
                {lastSequence} AS last_sequence,
                {claimed} AS claimed, {attributed} AS attributed, {historical} AS historical
              FROM {_spans} s {lateral}
              WHERE {Valid(point)}
                AND ($1::text IS NULL OR s.country = $1)
                AND ($2::date IS NULL OR s.occurred_on >= $2)
                AND ($3::date IS NULL OR s.occurred_on <= $3)
                AND ($4::text IS NULL OR EXISTS (
                  SELECT 1 FROM {_groups} g LEFT JOIN {_names} gm ON gm.slug = g.slug AND {Holds(point, "gm")}
                  WHERE g.span_id = s.span_id
                    AND COALESCE(gm.canonical_slug, g.slug) = COALESCE((SELECT n.canonical_slug FROM {_names} n WHERE n.slug = $4 AND {Holds(point, "n")}), $4)))
                {once}
              GROUP BY 1, 2, 3
            )
            SELECT n.total, p.country, p.year, p.key, p.label, p.code, p.incidents,
              p.killed_low, p.killed_best, p.killed_high, p.killed_reported, p.killed_not_reported, p.killed_unbounded,
              p.wounded_low, p.wounded_best, p.wounded_high, p.wounded_reported, p.wounded_not_reported, p.wounded_unbounded,
              p.disputed, p.single_source, p.last_sequence, p.claimed, p.attributed, p.historical
            FROM (SELECT count(*) AS total FROM r) n
            LEFT JOIN LATERAL (SELECT * FROM r ORDER BY {order} LIMIT $5 OFFSET $6) p ON true
            ORDER BY {order}
            """;
    }

    /// <summary>A group's incidents now: each current row tied to one of the group's names, with the tie (one row per name). $1 the names' slugs.</summary>
    public string Group() => $"""
        SELECT s.incident_id, s.title, s.country, s.occurred_on, s.year,
          s.killed_low, s.killed_best, s.killed_high, s.killed_status, s.wounded_low, s.wounded_best, s.wounded_high, s.wounded_status,
          s.disputed, s.single_source, s.last_sequence, g.name, g.claimed, g.attributed, g.claims
        FROM {_groups} g JOIN {_spans} s ON s.span_id = g.span_id
        WHERE g.slug = ANY($1) AND {Valid(StatsPoint.Current)}
        ORDER BY s.occurred_on NULLS LAST, s.incident_id, g.slug
        """;

    /// <summary>The spellings the current rows tie to these slugs. $1 the slugs.</summary>
    public string Spellings() => $"""
        SELECT DISTINCT g.slug, g.name
        FROM {_groups} g JOIN {_spans} s ON s.span_id = g.span_id
        WHERE g.slug = ANY($1) AND {Valid(StatsPoint.Current)}
        """;

    /// <summary>The sums over the rows that have the figure: null (absent is not zero) when none has it.</summary>
    private static string Sums(string figure) => $"""
        sum(s.{figure}_low)::bigint AS {figure}_low,
                sum(s.{figure}_best)::bigint AS {figure}_best,
                sum(s.{figure}_high)::bigint AS {figure}_high,
                count(s.{figure}_best)::int AS {figure}_reported,
                (count(*) - count(s.{figure}_best))::int AS {figure}_not_reported,
                count(*) FILTER (WHERE s.{figure}_best IS NOT NULL AND s.{figure}_high IS NULL)::int AS {figure}_unbounded
        """;

    private static string KeyArray(IEnumerable<string> keys) => "ARRAY[" + string.Join(", ", keys.Select(k => $"'{k}'")) + "]::text[]";
}
