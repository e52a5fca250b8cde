using System.Collections.Immutable;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>
/// A perpetrator group as its stream has it: the canonical name, the other names it goes by, and
/// the group it was merged into (an absorbed group keeps its stream but names nothing any more).
/// </summary>
public sealed record GroupState(Guid Id, long Version, string Name, ImmutableList<string> Aliases, Guid? AbsorbedInto, DateTimeOffset? LastRecordedAt)
{
    public static GroupState Initial { get; } = new(Guid.Empty, 0, string.Empty, [], null, null);

    public bool Exists => Version > 0;

    public string Slug => GroupNames.Slug(Name);

    /// <summary>Every name of the group while it stands on its own: its canonical name first, then its aliases; none once absorbed.</summary>
    public IEnumerable<string> Names => AbsorbedInto is null && Exists ? [Name, .. Aliases] : [];

    /// <summary>Whether the name (by slug) is one of the group's names.</summary>
    public bool Holds(string name) => Names.Any(n => GroupNames.Slug(n) == GroupNames.Slug(name));
}

/// <summary>The one fold of a group's stream.</summary>
public static class GroupFold
{
    public static GroupState Evolve(GroupState state, object data, long version, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = data switch
        {
            GroupIdentified e => state with { Name = e.Name, Aliases = [.. Distinct(e.Aliases, e.Name)] },
            GroupSplitOff e => state with { Name = e.Name, Aliases = [.. Distinct(e.Aliases, e.Name)] },
            GroupAliasAdded e => state with { Aliases = state.Aliases.Add(e.Alias) },
            GroupAliasRemoved e => state with { Aliases = Without(state.Aliases, [e.Alias]) },
            GroupMerged e => state with { Aliases = [.. Distinct([.. state.Aliases, .. e.Names], state.Name)] },
            GroupAbsorbed e => state with { AbsorbedInto = e.Survivor },
            GroupSplit e => state with { Aliases = Without(state.Aliases, [.. e.Names, e.Name]) },
            _ => state,
        };
        return next with { Version = version, LastRecordedAt = recordedAt };
    }

    public static GroupState Fold(Guid id, IEnumerable<(object Data, long Version, DateTimeOffset RecordedAt)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(GroupState.Initial with { Id = id }, (state, e) => Evolve(state, e.Data, e.Version, e.RecordedAt));
    }

    /// <summary>The names once each by slug, in order, without the canonical name.</summary>
    private static IEnumerable<string> Distinct(IEnumerable<string> names, string canonical) =>
        names.Where(n => GroupNames.Slug(n) != GroupNames.Slug(canonical)).DistinctBy(GroupNames.Slug);

    private static ImmutableList<string> Without(ImmutableList<string> aliases, IReadOnlyCollection<string> removed)
    {
        var slugs = removed.Select(GroupNames.Slug).ToHashSet(StringComparer.Ordinal);
        return aliases.RemoveAll(a => slugs.Contains(GroupNames.Slug(a)));
    }
}
