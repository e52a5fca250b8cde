using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Statistics;

/// <summary>How the rows of an answer are ordered: by key, or by a count, largest first (then by key).</summary>
public enum StatsSort
{
    Key,
    Incidents,
    Killed,
    Wounded,
}

/// <summary>A question to the statistics: grouped by what, over which incidents, in which order, which page, and at which point on the publication axis (null: now).</summary>
public sealed record StatsQuery(StatsDimension By, StatsFilter Filter, StatsSort Sort, int Page, int PageSize, DateTimeOffset? AsOf = null);

/// <summary>
/// How far the answer has caught up. <see cref="LastSequence"/> is the last event the projection
/// had folded in when the answer was read (the rows hold at least that much), beside the store's
/// high-water mark and the last sequence number drawn; <see cref="Lag"/> is the events between.
/// An answer as of a date is computed from the incidents' states, which are kept inline with
/// every commit, so it lags nothing.
/// </summary>
public sealed record StatsProgress(string Projection, long LastSequence, long HighWaterMark, long StoreLastSequence, long Lag, bool CaughtUp);

public sealed record StatsPage(string GroupBy, IReadOnlyList<StatsRow> Rows, int Page, int PageSize, long Total, DateTimeOffset? AsOf, StatsProgress Progress);

/// <summary>A group in the list of groups: its row of the statistics, with how many of its incidents it claimed and how many it was attributed.</summary>
public sealed record GroupSummary(string Slug, string Name, int Incidents, int Claimed, int Attributed, FigureSums Killed, FigureSums Wounded, int Disputed, int SingleSource, long? LastSequence);

public sealed record GroupPage(IReadOnlyList<GroupSummary> Items, int Page, int PageSize, long Total, StatsProgress Progress);

/// <summary>One incident in a group's profile: how it is tied to the group, what was claimed, and its figures.</summary>
public sealed record GroupIncident(
    Guid Id, string? Title, string? Country, DateOnly? OccurredOn, bool Claimed, bool Attributed, IReadOnlyList<GroupClaim> Claims, FigureRange? Killed, FigureRange? Wounded);

public sealed record GroupProfileView(GroupProfile Profile, IReadOnlyList<GroupIncident> Incidents, int Page, int PageSize, long Total, StatsProgress Progress);

/// <summary>
/// Reads the statistics: SQL aggregates over the stored contributions (one document per incident,
/// kept by <see cref="IncidentStatsProjection"/>) for the current record, and the same
/// aggregation in memory (<see cref="Totals"/>) over every incident's as-of view for a date.
/// </summary>
public sealed class StatsReader(ReadSessions reads, StoreSettings settings, DaemonProgress daemon, ISessionFactory sessions)
{
    /// <summary>How many states the answer as of a date loads at a time.</summary>
    public const int AsOfPageSize = 500;

    private readonly string _table = $"\"{settings.Schema}\".mt_doc_incidentcontribution";

    public async Task<StatsPage> ReadAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AsOf is not null)
        {
            return await AsOfAsync(query, cancellationToken);
        }

        var progress = await ProgressAsync(cancellationToken);
        var (rows, total) = await RowsAsync(query, knownGroupsOnly: false, cancellationToken);
        return new StatsPage(GroupByName(query.By), [.. rows.Select(r => r.Row)], query.Page, query.PageSize, total, null, progress);
    }

    public async Task<GroupPage> GroupsAsync(StatsFilter filter, StatsSort sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(cancellationToken);
        var (rows, total) = await RowsAsync(new StatsQuery(StatsDimension.Group, filter, sort, page, pageSize), knownGroupsOnly: true, cancellationToken);
        return new GroupPage(
            [.. rows.Select(r => new GroupSummary(r.Row.Key.Group!, r.Row.Label!, r.Row.Incidents, r.Claimed, r.Attributed, r.Row.Killed, r.Row.Wounded, r.Row.Disputed, r.Row.SingleSource, r.Row.LastSequence))],
            page,
            pageSize,
            total,
            progress);
    }

    /// <summary>A group's profile, its incidents in order of occurrence, a page of them; null when no incident is tied to the slug.</summary>
    public async Task<GroupProfileView?> GroupAsync(string slug, int page, int pageSize, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(cancellationToken);
        await using var command = reads.CreateCommand(
            $"SELECT d.data FROM {_table} d WHERE d.data->'groups' @> jsonb_build_array(jsonb_build_object('slug', $1::text)) ORDER BY d.occurred_on NULLS LAST, d.id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = slug });
        var contributions = new List<IncidentContribution>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                contributions.Add(JsonSerializer.Deserialize<IncidentContribution>(reader.GetString(0), IncidentJson.Options)!);
            }
        }

        if (GroupProfile.Of(slug, contributions) is not { } profile)
        {
            return null;
        }

        var incidents = contributions
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c =>
            {
                var link = c.Groups.First(g => g.Slug == slug);
                return new GroupIncident(c.Id, c.Title, c.Country, c.OccurredOn, link.Claimed, link.Attributed, link.Claims, c.Killed, c.Wounded);
            })
            .ToList();
        return new GroupProfileView(profile, incidents, page, pageSize, contributions.Count, progress);
    }

    public async Task<StatsProgress> ProgressAsync(CancellationToken cancellationToken)
    {
        var progress = await daemon.ReadAsync(cancellationToken);
        var folded = progress.Shard(IncidentStatsProjection.ProgressName)?.LastSequence ?? 0;
        return new StatsProgress(
            IncidentStatsProjection.ProjectionName,
            folded,
            progress.HighWaterMark,
            progress.LastSequence,
            Math.Max(0, progress.LastSequence - folded),
            folded >= progress.HighWaterMark);
    }

    public static string GroupByName(StatsDimension by) => by switch
    {
        StatsDimension.Country => "country",
        StatsDimension.Year => "year",
        StatsDimension.CountryYear => "country,year",
        StatsDimension.Group => "group",
        StatsDimension.AttackType => "attackType",
        _ => "weaponType",
    };

    /// <summary>
    /// The answer as of a date, from every incident's as-of view: a page of listings (filtered by
    /// country and date of occurrence, which an incident's opening fixes), their states in one
    /// query, each folded to its stream's head when the inline state lags (a rebuild running).
    /// Its cost is one view per incident that passes the filter.
    /// </summary>
    private async Task<StatsPage> AsOfAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(cancellationToken);
        var contributions = new List<IncidentContribution>();
        var filter = query.Filter;
        Guid? after = null;
        while (true)
        {
            await using var session = sessions.QuerySession();
            var listings = session.Query<IncidentListing>().AsQueryable();
            if (filter.Country is { } country)
            {
                listings = listings.Where(l => l.Country == country);
            }

            if (filter.From is { } from)
            {
                listings = listings.Where(l => l.OccurredOn >= from);
            }

            if (filter.To is { } to)
            {
                listings = listings.Where(l => l.OccurredOn <= to);
            }

            if (after is { } last)
            {
                listings = listings.Where(l => l.Id.CompareTo(last) > 0);
            }

            var page = await listings.OrderBy(l => l.Id).Take(AsOfPageSize).Select(l => new { l.Id, l.Version }).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var states = (await session.LoadManyAsync<IncidentState>(cancellationToken, page.Select(p => p.Id))).ToDictionary(s => s.Id);
            foreach (var listing in page)
            {
                var state = states.TryGetValue(listing.Id, out var stored) && stored.Version >= listing.Version
                    ? stored
                    : await IncidentReader.StateAtAsync(session, listing.Id, listing.Version, cancellationToken);
                if (IncidentContribution.Of(listing.Id, state, query.AsOf, 0) is { } contribution)
                {
                    contributions.Add(contribution);
                }
            }

            after = page[^1].Id;
        }

        var rows = Totals.Aggregate(contributions, query.By, filter);
        var ordered = Sorted(rows, query.Sort);
        return new StatsPage(
            GroupByName(query.By),
            [.. ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)],
            query.Page,
            query.PageSize,
            rows.Count,
            query.AsOf,
            progress with { Projection = "incident_state", LastSequence = progress.StoreLastSequence, Lag = 0, CaughtUp = true });
    }

    private static IEnumerable<StatsRow> Sorted(IReadOnlyList<StatsRow> rows, StatsSort sort) => sort switch
    {
        StatsSort.Incidents => rows.OrderByDescending(r => r.Incidents),
        StatsSort.Killed => rows.OrderByDescending(r => r.Killed.Best),
        StatsSort.Wounded => rows.OrderByDescending(r => r.Wounded.Best),
        _ => rows,
    };

    private async Task<(List<(StatsRow Row, int Claimed, int Attributed)> Rows, long Total)> RowsAsync(StatsQuery query, bool knownGroupsOnly, CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand(Sql(query.By, query.Sort, knownGroupsOnly));
        var filter = query.Filter;
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.From is { } from ? from : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.To is { } to ? to : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Group ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(query.Page - 1) * query.PageSize });
        var rows = new List<(StatsRow, int, int)>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt64(0);
            if (reader.IsDBNull(6))
            {
                continue; // the page past the last row: only the count
            }

            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
            long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
            FigureSums Sums(int i) => new(Long(i), Long(i + 1), reader.GetInt32(i + 5) > 0 ? null : Long(i + 2), reader.GetInt32(i + 3), reader.GetInt32(i + 4), reader.GetInt32(i + 5));
            var key = query.By switch
            {
                StatsDimension.Country => new StatsKey(Country: Text(1)),
                StatsDimension.Year => new StatsKey(Year: Number(2)),
                StatsDimension.CountryYear => new StatsKey(Country: Text(1), Year: Number(2)),
                StatsDimension.Group => new StatsKey(Group: Text(3)),
                StatsDimension.AttackType => new StatsKey(AttackType: Text(3)),
                _ => new StatsKey(WeaponType: Text(3)),
            };
            var row = new StatsRow(key, Text(4), Number(5), reader.GetInt32(6), Sums(7), Sums(13), reader.GetInt32(19), reader.GetInt32(20), Long(21));
            rows.Add((row, reader.GetInt32(22), reader.GetInt32(23)));
        }

        return (rows, total);
    }

    /// <summary>
    /// One statement: the rows grouped, then their count and a page of them (the count comes back
    /// even for a page past the end). $1 country, $2 from, $3 to, $4 group slug, $5 limit, $6 offset.
    /// </summary>
    private string Sql(StatsDimension by, StatsSort sort, bool knownGroupsOnly)
    {
        const string year = "(d.data->>'year')::int";
        var join = knownGroupsOnly ? "JOIN" : "LEFT JOIN";
        var (lateral, country, yearKey, key, label, code) = by switch
        {
            StatsDimension.Country => ("", "d.country", "NULL::int", "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.Year => ("", "NULL::text", year, "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.CountryYear => ("", "d.country", year, "NULL::text", "NULL::text", "NULL::int"),
            StatsDimension.Group => ($"{join} LATERAL jsonb_array_elements(d.data->'groups') x(v) ON true", "NULL::text", "NULL::int", "x.v->>'slug'",
                "mode() WITHIN GROUP (ORDER BY x.v->>'name' COLLATE \"C\")", "NULL::int"),
            StatsDimension.AttackType => ("LEFT JOIN LATERAL jsonb_array_elements(d.data->'attackTypes') x(v) ON true", "NULL::text", "NULL::int", "x.v->>'key'",
                "min(x.v->>'text')", "min((x.v->>'code')::int)"),
            _ => ("LEFT JOIN LATERAL jsonb_array_elements(d.data->'weaponTypes') x(v) ON true", "NULL::text", "NULL::int", "x.v->>'key'",
                "min(x.v->>'text')", "min((x.v->>'code')::int)"),
        };
        var claimed = by == StatsDimension.Group ? "count(*) FILTER (WHERE (x.v->>'claimed')::boolean)::int" : "0";
        var attributed = by == StatsDimension.Group ? "count(*) FILTER (WHERE (x.v->>'attributed')::boolean)::int" : "0";
        const string keyOrder = "country COLLATE \"C\" NULLS LAST, year NULLS LAST, key COLLATE \"C\" NULLS LAST";
        var order = sort switch
        {
            StatsSort.Incidents => "incidents DESC, " + keyOrder,
            StatsSort.Killed => "killed_best DESC NULLS LAST, " + keyOrder,
            StatsSort.Wounded => "wounded_best DESC NULLS LAST, " + keyOrder,
            _ => keyOrder,
        };
        return $"""
            WITH r AS (
              SELECT {country} AS country, {yearKey} AS year, {key} AS key, {label} AS label, {code} AS code,
                count(*)::int AS incidents,
                {Sums("killed")},
                {Sums("wounded")},
                count(*) FILTER (WHERE (d.data->>'disputed')::boolean)::int AS disputed,
                count(*) FILTER (WHERE (d.data->>'singleSource')::boolean)::int AS single_source,
                max((d.data->>'lastSequence')::bigint) AS last_sequence,
                {claimed} AS claimed, {attributed} AS attributed
              FROM {_table} d {lateral}
              WHERE ($1::text IS NULL OR d.country = $1)
                AND ($2::date IS NULL OR d.occurred_on >= $2)
                AND ($3::date IS NULL OR d.occurred_on <= $3)
                AND ($4::text IS NULL OR d.data->'groups' @> jsonb_build_array(jsonb_build_object('slug', $4::text)))
              GROUP BY 1, 2, 3
            )
            SELECT n.total, p.country, p.year, p.key, p.label, p.code, p.incidents,
              p.killed_low, p.killed_best, p.killed_high, p.killed_reported, p.killed_not_reported, p.killed_unbounded,
              p.wounded_low, p.wounded_best, p.wounded_high, p.wounded_reported, p.wounded_not_reported, p.wounded_unbounded,
              p.disputed, p.single_source, p.last_sequence, p.claimed, p.attributed
            FROM (SELECT count(*) AS total FROM r) n
            LEFT JOIN LATERAL (SELECT * FROM r ORDER BY {order} LIMIT $5 OFFSET $6) p ON true
            ORDER BY {order}
            """;
    }

    /// <summary>The sums over the incidents that have the figure: null (absent is not zero) when none has it.</summary>
    private static string Sums(string figure) => $"""
        sum((d.data->'{figure}'->>'low')::bigint)::bigint AS {figure}_low,
                sum((d.data->'{figure}'->>'best')::bigint)::bigint AS {figure}_best,
                sum((d.data->'{figure}'->>'high')::bigint)::bigint AS {figure}_high,
                count(d.data->'{figure}')::int AS {figure}_reported,
                (count(*) - count(d.data->'{figure}'))::int AS {figure}_not_reported,
                count(*) FILTER (WHERE d.data->'{figure}' IS NOT NULL AND d.data->'{figure}'->'high' IS NULL)::int AS {figure}_unbounded
        """;
}
