namespace AttackTracker.Domain.Groups;

/// <summary>Starts a group's stream: an editor names a perpetrator group and the other names it goes by (docs/identity.md, Groups).</summary>
public sealed record GroupIdentified(string Name, IReadOnlyList<string> Aliases, string Reason);

/// <summary>Another name of the group: incidents tied to that spelling count as this group from now on.</summary>
public sealed record GroupAliasAdded(string Alias, string Reason);

/// <summary>A name that is not this group after all: its incidents count as that spelling's own group from now on.</summary>
public sealed record GroupAliasRemoved(string Alias, string Reason);

/// <summary>On the surviving group's stream: <paramref name="Absorbed"/> is the same group, and its names (<paramref name="Names"/>) are this group's now.</summary>
public sealed record GroupMerged(Guid Absorbed, string AbsorbedName, IReadOnlyList<string> Names, string Reason);

/// <summary>On the absorbed group's stream, in the same commit as <see cref="GroupMerged"/>: its names belong to <paramref name="Survivor"/>.</summary>
public sealed record GroupAbsorbed(Guid Survivor, string SurvivorName, string Reason);

/// <summary>On the source group's stream: the names in <paramref name="Names"/> leave it for a new group, <paramref name="NewGroup"/>, named <paramref name="Name"/>.</summary>
public sealed record GroupSplit(Guid NewGroup, string Name, IReadOnlyList<string> Names, string Reason);

/// <summary>Starts the new group's stream, in the same commit as <see cref="GroupSplit"/>: split off <paramref name="Source"/> with its name and aliases.</summary>
public sealed record GroupSplitOff(Guid Source, string SourceName, string Name, IReadOnlyList<string> Aliases, string Reason);
