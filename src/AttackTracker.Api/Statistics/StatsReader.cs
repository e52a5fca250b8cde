using System.Text.Json;
using AttackTracker.Api.Groups;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Groups;
using AttackTracker.Domain.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// Reads the statistics: one SQL aggregate over the incidents' rows valid at the point asked
/// (<see cref="StatsSql"/>, kept by <see cref="StatisticsSubscription"/>), now, as of a date on
/// the publication axis, or as the record stood at a time. A point on both axes at once is
/// answered by the fold of every incident's view there (<see cref="StatsOracle"/>).
/// </summary>
public sealed class StatsReader(ReadSessions reads, StoreSettings settings, DaemonProgress daemon, StatsOracle oracle, GroupNamesTable names)
{
    private readonly StatsSql _sql = new(settings.Schema);

    public async Task<StatsPage> ReadAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var progress = await ProgressAsync(cancellationToken);
        if (query.AsOf is not null && query.RecordedAsOf is not null)
        {
            var rows = await oracle.RowsAsync(query, cancellationToken);
            return new StatsPage(
                GroupByName(query.By),
                [.. StatsOracle.Sorted(rows, query.Sort).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)],
                query.Page,
                query.PageSize,
                rows.Count,
                query.AsOf,
                progress with { Projection = "incident_state", LastSequence = progress.StoreLastSequence, Lag = 0, CaughtUp = true },
                query.RecordedAsOf);
        }

        var (point, at) = query.AsOf is { } asOf ? (StatsPoint.Published, asOf)
            : query.RecordedAsOf is { } recordedAsOf ? (StatsPoint.Recorded, recordedAsOf)
            : (StatsPoint.Current, default(DateTimeOffset?));
        var (page, total) = await RowsAsync(query, point, at, knownGroupsOnly: false, cancellationToken);
        return new StatsPage(GroupByName(query.By), [.. page.Select(r => r.Row)], query.Page, query.PageSize, total, query.AsOf, progress, query.RecordedAsOf);
    }

    public async Task<GroupPage> GroupsAsync(StatsFilter filter, StatsSort sort, int page, int pageSize, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(cancellationToken);
        var (rows, total) = await RowsAsync(new StatsQuery(StatsDimension.Group, filter, sort, page, pageSize), StatsPoint.Current, null, knownGroupsOnly: true, cancellationToken);
        var identity = await names.RowsAsync(null, cancellationToken);
        var aliases = await AliasesAsync(identity, [.. rows.Select(r => r.Row.Key.Group!)], cancellationToken);
        return new GroupPage(
            [.. rows.Select(r => new GroupSummary(
                r.Row.Key.Group!, r.Row.Label!, r.Row.Incidents, r.Claimed, r.Attributed, r.Row.Killed, r.Row.Wounded, r.Row.Disputed, r.Row.SingleSource, r.Row.LastSequence,
                identity.Find(i => i.CanonicalSlug == r.Row.Key.Group)?.GroupId, Except(aliases[r.Row.Key.Group!], r.Row.Label!)))],
            page,
            pageSize,
            total,
            progress);
    }

    /// <summary>
    /// A group's profile, its incidents in order of occurrence, a page of them: of the group that
    /// holds the name now (every name of it counted, each incident once), or of the spelling
    /// itself when no group holds it; null when no group holds it and no incident is tied to it.
    /// </summary>
    public async Task<GroupProfileView?> GroupAsync(string slug, int page, int pageSize, CancellationToken cancellationToken)
    {
        var progress = await ProgressAsync(cancellationToken);
        var identity = await names.RowsAsync(null, cancellationToken);
        var held = identity.Find(r => r.Slug == slug);
        var key = held?.CanonicalSlug ?? slug;
        var slugs = held is null ? [slug] : identity.Where(r => r.GroupId == held.GroupId).Select(r => r.Slug).ToArray();
        await using var command = reads.CreateCommand(_sql.Group());
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = slugs });
        var contributions = new List<IncidentContribution>();
        var spellings = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var contribution = Contribution(reader, key);
                spellings.Add(contribution.Groups[0].Name);
                contributions.Add(contributions.Count > 0 && contributions[^1].Id == contribution.Id ? Tie(contributions, contribution) : contribution);
            }
        }

        contributions = [.. contributions.DistinctBy(c => c.Id)];
        var aliases = Except([.. spellings.Concat(identity.Where(r => r.GroupId == held?.GroupId).Select(r => r.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], held?.CanonicalName ?? "");
        var found = GroupProfile.Of(key, contributions);
        if (found is null && held is null)
        {
            return null;
        }

        var profile = found is null
            ? new GroupProfile(key, held!.CanonicalName, [held.CanonicalName], 0, 0, 0, [], null, null, FigureSums.Of([]), FigureSums.Of([]), [])
            : held is null ? found : found with { Name = held.CanonicalName, Spellings = [.. found.Spellings.Union(spellings, StringComparer.Ordinal)] };

        var incidents = contributions
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c =>
            {
                var link = c.Groups[0];
                return new GroupIncident(c.Id, c.Title, c.Country, c.OccurredOn, link.Claimed, link.Attributed, link.Claims, c.Killed, c.Wounded);
            })
            .ToList();
        return new GroupProfileView(profile, incidents, page, pageSize, contributions.Count, progress, held?.GroupId, aliases);
    }

    /// <summary>
    /// The names of each of these groups (canonical slugs): the spellings the current rows tie to
    /// any name the group holds now, and the names an editor gave it.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> AliasesAsync(List<GroupNameRow> identity, string[] keys, CancellationToken cancellationToken)
    {
        var result = keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        var resolution = new GroupResolution(identity);
        var slugs = keys.Concat(identity.Where(r => result.ContainsKey(r.CanonicalSlug)).Select(r => r.Slug)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var row in identity.Where(r => result.ContainsKey(r.CanonicalSlug)))
        {
            result[row.CanonicalSlug].Add(row.Name);
        }

        await using var command = reads.CreateCommand(_sql.Spellings());
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = slugs });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (result.TryGetValue(resolution.Key(reader.GetString(0)), out var list))
            {
                list.Add(reader.GetString(1));
            }
        }

        return result;
    }

    /// <summary>The names in ordinal order, once each, without the group's own name.</summary>
    private static List<string> Except(List<string> names, string name) =>
        [.. names.Where(n => n != name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The incident's tie under another of the group's names folded into its tie so far: one incident, one tie.</summary>
    private static IncidentContribution Tie(List<IncidentContribution> contributions, IncidentContribution next)
    {
        var previous = contributions[^1];
        var (a, b) = (previous.Groups[0], next.Groups[0]);
        contributions.RemoveAt(contributions.Count - 1);
        return previous with { Groups = [a with { Claimed = a.Claimed || b.Claimed, Attributed = a.Attributed || b.Attributed, Claims = [.. a.Claims, .. b.Claims] }] };
    }

    public async Task<StatsProgress> ProgressAsync(CancellationToken cancellationToken)
    {
        var progress = await daemon.ReadAsync(cancellationToken);
        var folded = progress.Shard(StatisticsSubscription.ProgressName)?.LastSequence ?? 0;
        return new StatsProgress(
            StatisticsSubscription.SubscriptionName,
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

    /// <summary>A row of <see cref="StatsSql.Group"/> as the contribution a group's profile reads: the incident, its figures and its tie to the group.</summary>
    private static IncidentContribution Contribution(NpgsqlDataReader reader, string slug)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        FigureRange? Figure(int i) => reader.IsDBNull(i + 1)
            ? null
            : new FigureRange(reader.GetInt32(i), reader.GetInt32(i + 1), reader.IsDBNull(i + 2) ? null : reader.GetInt32(i + 2), (FigureStatus)reader.GetInt16(i + 3));
        var claims = reader.IsDBNull(19) ? [] : JsonSerializer.Deserialize<List<GroupClaim>>(reader.GetString(19), IncidentJson.Options) ?? [];
        var link = new GroupLink(slug, reader.GetString(16), reader.GetBoolean(17), reader.GetBoolean(18), claims);
        return new IncidentContribution(
            reader.GetGuid(0),
            Text(1),
            Text(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            [link],
            [],
            [],
            Figure(5),
            Figure(9),
            reader.GetBoolean(13),
            reader.GetBoolean(14),
            0,
            0,
            reader.GetInt64(15));
    }

    private async Task<(List<(StatsRow Row, int Claimed, int Attributed)> Rows, long Total)> RowsAsync(
        StatsQuery query, StatsPoint point, DateTimeOffset? at, bool knownGroupsOnly, CancellationToken cancellationToken)
    {
        await using var command = reads.CreateCommand(_sql.Rows(query.By, query.Sort, point, knownGroupsOnly));
        var filter = query.Filter;
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Country ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.From is { } from ? from : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.To is { } to ? to : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Group ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(query.Page - 1) * query.PageSize });
        if (at is { } instant)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instant.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        }

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

            rows.Add((Row(reader, query.By), reader.GetInt32(22), reader.GetInt32(23)));
        }

        return (rows, total);
    }

    private static StatsRow Row(NpgsqlDataReader reader, StatsDimension by)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        int? Number(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
        long? Long(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        FigureSums Sums(int i) => new(Long(i), Long(i + 1), reader.GetInt32(i + 5) > 0 ? null : Long(i + 2), reader.GetInt32(i + 3), reader.GetInt32(i + 4), reader.GetInt32(i + 5));
        var (key, label, code) = by switch
        {
            StatsDimension.Country => (new StatsKey(Country: Text(1)), null, null),
            StatsDimension.Year => (new StatsKey(Year: Number(2)), null, null),
            StatsDimension.CountryYear => (new StatsKey(Country: Text(1), Year: Number(2)), null, null),
            StatsDimension.Group => (new StatsKey(Group: Text(3)), Text(4), null),
            StatsDimension.AttackType => (new StatsKey(AttackType: Text(3)), AttackText(Number(5)), Number(5)),
            _ => (new StatsKey(WeaponType: Text(3)), WeaponText(Number(5)), Number(5)),
        };
        var historical = !reader.IsDBNull(24) && reader.GetBoolean(24) ? true : (bool?)null;
        return new StatsRow(key, label, code, reader.GetInt32(6), Sums(7), Sums(13), reader.GetInt32(19), reader.GetInt32(20), Long(21), historical);
    }

    private static string? AttackText(int? code) => code is { } c && GtdCodebook.TryAttackType(c, out var type) ? GtdCodebook.Text(type) : null;

    private static string? WeaponText(int? code) => code is { } c && GtdCodebook.TryWeaponType(c, out var type) ? GtdCodebook.Text(type) : null;
}
