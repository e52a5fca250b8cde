using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>
/// Group identity at one point of the recording axis: each name a group holds, by slug, to the
/// group's canonical slug and name. A spelling no group holds is a group of its own, as before
/// groups had identities. The statistics' SQL does the same (Statistics/StatsSql.cs); this is the
/// oracle's and the domain's copy, which the tests hold equal to it.
/// </summary>
public sealed class GroupResolution(IEnumerable<GroupNameRow> rows)
{
    private readonly Dictionary<string, GroupNameRow> _rows = rows.ToDictionary(r => r.Slug, StringComparer.Ordinal);

    public static GroupResolution None { get; } = new([]);

    /// <summary>The canonical slug of the group holding <paramref name="slug"/>; the slug itself when none does.</summary>
    public string Key(string slug) => _rows.TryGetValue(slug, out var row) ? row.CanonicalSlug : slug;

    public GroupNameRow? Row(string slug) => _rows.GetValueOrDefault(slug);

    /// <summary>
    /// The contribution with its groups resolved: each tie under its group's canonical slug and
    /// name, two spellings of one group made one tie (claimed or attributed if either was, with
    /// the claims of both), so an incident counts once per group.
    /// </summary>
    public IncidentContribution Resolve(IncidentContribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        if (_rows.Count == 0 || !contribution.Groups.Any(g => _rows.ContainsKey(g.Slug)))
        {
            return contribution;
        }

        var links = contribution.Groups
            .Select(g => _rows.TryGetValue(g.Slug, out var row) ? g with { Slug = row.CanonicalSlug, Name = row.CanonicalName } : g)
            .GroupBy(g => g.Slug, StringComparer.Ordinal)
            .Select(same => same.Skip(1).Aggregate(same.First(), (a, b) => a with
            {
                Claimed = a.Claimed || b.Claimed,
                Attributed = a.Attributed || b.Attributed,
                Claims = [.. a.Claims, .. b.Claims],
            }))
            .ToList();
        return contribution with { Groups = links };
    }
}
