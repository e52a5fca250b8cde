namespace AttackTracker.Domain.Statistics;

/// <summary>What the statistics are grouped by: one dimension, or country and year together.</summary>
public enum StatsDimension
{
    Country,
    Year,
    CountryYear,
    Group,
    AttackType,
    WeaponType,
}

/// <summary>
/// A sum of reconciled figures: of the lows, the bests and the highs, over the incidents that
/// have the figure (<see cref="Reported"/>). An incident without the figure adds nothing and is
/// counted in <see cref="NotReported"/>: absent is not zero, so with no incident reporting it the
/// sums are null, never 0. The high is null too when one of them has none (an open "at least"), and
/// <see cref="Unbounded"/> counts those.
/// </summary>
public sealed record FigureSums(long? Low, long? Best, long? High, int Reported, int NotReported, int Unbounded)
{
    public static FigureSums Empty { get; } = new(null, null, null, 0, 0, 0);

    public static FigureSums Of(IEnumerable<FigureRange?> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        long low = 0, best = 0, high = 0;
        int reported = 0, notReported = 0, unbounded = 0;
        foreach (var f in figures)
        {
            if (f is null)
            {
                notReported++;
                continue;
            }

            reported++;
            low += f.Low;
            best += f.Best;
            if (f.High is { } h)
            {
                high += h;
            }
            else
            {
                unbounded++;
            }
        }

        return reported == 0
            ? new FigureSums(null, null, null, 0, notReported, 0)
            : new FigureSums(low, best, unbounded > 0 ? null : high, reported, notReported, unbounded);
    }
}

/// <summary>The key of a row: the values of the dimensions grouped by; null where the record does not know it.</summary>
public sealed record StatsKey(string? Country = null, int? Year = null, string? Group = null, string? AttackType = null, string? WeaponType = null);

/// <summary>
/// One row of the statistics: incidents counted, killed and wounded summed, how many of those
/// incidents have a disputed figure or rest on one source, and the last event folded in (the
/// greatest sequence number among them; null for an answer at a point of a time axis).
/// <see cref="Historical"/> is true on a row of a state that no longer exists (an ISO 3166-3 code,
/// <see cref="Countries.IsHistorical"/>), and absent otherwise.
/// </summary>
public sealed record StatsRow(
    StatsKey Key,
    string? Label,
    int? Code,
    int Incidents,
    FigureSums Killed,
    FigureSums Wounded,
    int Disputed,
    int SingleSource,
    long? LastSequence,
    bool? Historical = null);

/// <summary>Which incidents count: in a country, occurred in [From, To], tied to a group (by slug).</summary>
public sealed record StatsFilter(string? Country, DateOnly? From, DateOnly? To, string? Group)
{
    public bool Admits(IncidentContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return (Country is null || contribution.Country == Country)
            && (From is null || contribution.OccurredOn >= From)
            && (To is null || contribution.OccurredOn <= To)
            && (Group is null || contribution.Groups.Any(g => g.Slug == Group));
    }
}

/// <summary>
/// The statistics over a set of contributions, computed in memory: the answer as of a date, and
/// the reference the stored statistics are tested against. An incident tied to several groups
/// (or types) counts once in each of their rows; one tied to none counts in the row whose key is
/// null. Rows are ordered by key, the unknown last.
/// </summary>
public static class Totals
{
    public static IReadOnlyList<StatsRow> Aggregate(IEnumerable<IncidentContribution> contributions, StatsDimension by, StatsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(filter);
        var rows = contributions
            .Where(filter.Admits)
            .SelectMany(c => Keys(c, by).Select(k => (k.Key, k.Label, k.Code, Contribution: c)))
            .GroupBy(x => x.Key)
            .Select(g =>
            {
                var items = g.Select(x => x.Contribution).ToList();
                var label = g.Select(x => x.Label).OfType<string>()
                    .GroupBy(l => l, StringComparer.Ordinal)
                    .OrderByDescending(l => l.Count()).ThenBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => l.Key).FirstOrDefault();
                return new StatsRow(
                    g.Key,
                    label,
                    g.Select(x => x.Code).FirstOrDefault(c => c is not null),
                    items.Count,
                    FigureSums.Of(items.Select(c => c.Killed)),
                    FigureSums.Of(items.Select(c => c.Wounded)),
                    items.Count(c => c.Disputed),
                    items.Count(c => c.SingleSource),
                    null,
                    HistoricalFlag(g.Key.Country));
            });
        return [.. rows.OrderBy(r => r.Key, KeyOrder.Instance)];
    }

    /// <summary>True for a row keyed by a country that no longer exists; absent (null) otherwise.</summary>
    public static bool? HistoricalFlag(string? country) => Countries.IsHistorical(country) ? true : null;

    private static IEnumerable<(StatsKey Key, string? Label, int? Code)> Keys(IncidentContribution c, StatsDimension by)
    {
        switch (by)
        {
            case StatsDimension.Country:
                return [(new StatsKey(Country: c.Country), null, null)];
            case StatsDimension.Year:
                return [(new StatsKey(Year: c.Year), null, null)];
            case StatsDimension.CountryYear:
                return [(new StatsKey(Country: c.Country, Year: c.Year), null, null)];
            case StatsDimension.Group:
                return c.Groups.Count == 0 ? [(new StatsKey(), null, null)] : c.Groups.Select(g => (new StatsKey(Group: g.Slug), (string?)g.Name, (int?)null));
            case StatsDimension.AttackType:
                return c.AttackTypes.Count == 0 ? [(new StatsKey(), null, null)] : c.AttackTypes.Select(t => (new StatsKey(AttackType: t.Key), (string?)t.Text, (int?)t.Code));
            default:
                return c.WeaponTypes.Count == 0 ? [(new StatsKey(), null, null)] : c.WeaponTypes.Select(t => (new StatsKey(WeaponType: t.Key), (string?)t.Text, (int?)t.Code));
        }
    }

    /// <summary>Keys in order of their fields, ordinally, each field's unknown (null) last: as the stored statistics sort (COLLATE "C", NULLS LAST).</summary>
    private sealed class KeyOrder : IComparer<StatsKey>
    {
        public static KeyOrder Instance { get; } = new();

        public int Compare(StatsKey? x, StatsKey? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            int c;
            if ((c = Text(x.Country, y.Country)) != 0 || (c = Number(x.Year, y.Year)) != 0 || (c = Text(x.Group, y.Group)) != 0
                || (c = Text(x.AttackType, y.AttackType)) != 0)
            {
                return c;
            }

            return Text(x.WeaponType, y.WeaponType);
        }

        private static int Text(string? a, string? b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);

        private static int Number(int? a, int? b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : a.Value.CompareTo(b.Value);
    }
}

/// <summary>A group's profile across incidents, from the contributions of the incidents tied to it.</summary>
public sealed record GroupProfile(
    string Slug,
    string Name,
    IReadOnlyList<string> Spellings,
    int Incidents,
    int Claimed,
    int Attributed,
    IReadOnlyList<string> Countries,
    DateOnly? FirstOccurredOn,
    DateOnly? LastOccurredOn,
    FigureSums Killed,
    FigureSums Wounded,
    IReadOnlyList<ChannelCount> Channels)
{
    /// <summary>The profile of the group <paramref name="slug"/>; null when no incident is tied to it.</summary>
    public static GroupProfile? Of(string slug, IReadOnlyList<IncidentContribution> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var tied = contributions.Select(c => (Contribution: c, Link: c.Groups.FirstOrDefault(g => g.Slug == slug))).Where(x => x.Link is not null).ToList();
        if (tied.Count == 0)
        {
            return null;
        }

        var names = tied.Select(x => x.Link!.Name).Concat(tied.SelectMany(x => x.Link!.Claims.Select(c => GroupNames.Display(c.Claimant))))
            .GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var dates = tied.Select(x => x.Contribution.OccurredOn).OfType<DateOnly>().ToList();
        return new GroupProfile(
            slug,
            names[0],
            names,
            tied.Count,
            tied.Count(x => x.Link!.Claimed),
            tied.Count(x => x.Link!.Attributed),
            [.. tied.Select(x => x.Contribution.Country).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            dates.Count == 0 ? null : dates.Min(),
            dates.Count == 0 ? null : dates.Max(),
            FigureSums.Of(tied.Select(x => x.Contribution.Killed)),
            FigureSums.Of(tied.Select(x => x.Contribution.Wounded)),
            [.. tied.SelectMany(x => x.Link!.Claims.Select(c => c.Channel?.Trim()))
                .GroupBy(c => c is null ? null : Sources.SourceNames.Normalize(c))
                .Select(g => new ChannelCount(g.First(), g.Count()))
                .OrderByDescending(c => c.Claims).ThenBy(c => c.Channel, StringComparer.Ordinal)]);
    }
}

/// <summary>How many claims came through one channel (null: the reports did not say).</summary>
public sealed record ChannelCount(string? Channel, int Claims);

