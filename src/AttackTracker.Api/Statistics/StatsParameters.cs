using AttackTracker.Api.Http;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Statistics;

/// <summary>The statistics' query parameters, read from text so that a bad one is a 400 naming it.</summary>
public static class StatsParameters
{
    public static readonly IReadOnlyDictionary<string, StatsDimension> GroupBys = new Dictionary<string, StatsDimension>(StringComparer.Ordinal)
    {
        ["country"] = StatsDimension.Country,
        ["year"] = StatsDimension.Year,
        ["country,year"] = StatsDimension.CountryYear,
        ["group"] = StatsDimension.Group,
        ["attackType"] = StatsDimension.AttackType,
        ["weaponType"] = StatsDimension.WeaponType,
    };

    public static readonly IReadOnlyDictionary<string, StatsSort> Sorts = new Dictionary<string, StatsSort>(StringComparer.Ordinal)
    {
        ["key"] = StatsSort.Key,
        ["incidents"] = StatsSort.Incidents,
        ["killed"] = StatsSort.Killed,
        ["wounded"] = StatsSort.Wounded,
    };

    public static IEnumerable<QueryParameter> Filter() =>
    [
        new("country", QueryValue.Country, "Only incidents in this country (ISO 3166-1 alpha-2)."),
        new("from", QueryValue.Date, "Only incidents that occurred on or after this date."),
        new("to", QueryValue.Date, "Only incidents that occurred on or before this date."),
        new("group", QueryValue.Text, "Only incidents tied to this perpetrator group (by claim or attribution), by slug or name, matched ignoring case and accents.", MaxLength: Limits.NameLength),
    ];

    /// <summary>The points of the two time axes the totals can be asked at (docs/stats.md).</summary>
    public static IEnumerable<QueryParameter> Points() =>
    [
        new("asOf", QueryValue.Instant, "Publication axis: the totals as of what had been published by then (a report counts from its publication date, a withdrawal from its own; an entry in error never). A bare date means the end of that day in UTC. One indexed aggregate, as fast as the current totals."),
        new("recordedAsOf", QueryValue.Instant, "Recording axis: the totals as the record stood at that time (the events committed by then). A bare date means the end of that day in UTC. One indexed aggregate. With asOf as well, both axes at once: computed from every incident's view at that point, one view per incident (costlier)."),
    ];

    public static QueryParameter Sort() =>
        new("sort", QueryValue.Choice, "Row order: by key (the default), or largest first by incidents, killed (best) or wounded (best).", Choices: [.. Sorts.Keys]);

    public static StatsFilter ReadFilter(string? country, string? from, string? to, string? group, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }

        var fromDate = QueryDates.Parse("from", from, errors);
        var toDate = QueryDates.Parse("to", to, errors);
        if (fromDate > toDate)
        {
            errors.Add("from", "must not be after to.");
        }

        string? slug = null;
        if (errors.Text("group", group, Limits.NameLength) is { } name)
        {
            slug = GroupNames.Slug(name);
            if (slug.Length == 0)
            {
                errors.Add("group", "must name a group: letters or digits.");
            }
        }

        return new StatsFilter(country, fromDate, toDate, slug);
    }

    public static StatsSort ReadSort(string? sort, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (sort is null)
        {
            return StatsSort.Key;
        }

        if (Sorts.TryGetValue(sort, out var value))
        {
            return value;
        }

        errors.Add("sort", $"must be one of {string.Join(", ", Sorts.Keys)}.");
        return StatsSort.Key;
    }
}
