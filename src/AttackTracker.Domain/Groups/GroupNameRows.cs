using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>One name a group holds, as the identity table keeps it: the name's slug, the name, the group, and the group's canonical name.</summary>
public sealed record GroupNameRow(string Slug, string Name, Guid GroupId, string CanonicalSlug, string CanonicalName);

/// <summary>
/// The rows of the identity table a group's state stands for, and what a commit changes in them:
/// the slugs whose row ends and the rows that begin. The table is a function of the group states,
/// so the write path and the rebuild compute it the same way.
/// </summary>
public static class GroupNameRows
{
    public static IEnumerable<GroupNameRow> Of(GroupState group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Names.DistinctBy(GroupNames.Slug).Select(n => new GroupNameRow(GroupNames.Slug(n), n, group.Id, group.Slug, group.Name));
    }

    /// <summary>The rows that end (by slug) and those that begin when the groups go from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static (IReadOnlyList<string> Ended, IReadOnlyList<GroupNameRow> Begun) Changes(IEnumerable<GroupState> before, IEnumerable<GroupState> after)
    {
        var old = before.SelectMany(Of).ToHashSet();
        var now = after.SelectMany(Of).ToHashSet();
        return ([.. old.Except(now).Select(r => r.Slug).Order(StringComparer.Ordinal)], [.. now.Except(old).OrderBy(r => r.Slug, StringComparer.Ordinal)]);
    }
}
