namespace AttackTracker.Domain.Identity;

/// <summary>On the surviving incident's stream: an editor's word that <paramref name="Absorbed"/> is the same attack, its facts now folded into this view (docs/identity.md).</summary>
public sealed record IncidentMerged(Guid Absorbed, string Reason);

/// <summary>On the absorbed incident's stream, in the same commit as <see cref="IncidentMerged"/>: it is now part of <paramref name="Survivor"/>.</summary>
public sealed record IncidentAbsorbed(Guid Survivor, string Reason);

/// <summary>On the surviving incident's stream: the merge of <paramref name="Absorbed"/> is undone; its facts leave this view from now on.</summary>
public sealed record IncidentUnmerged(Guid Absorbed, string Reason);

/// <summary>On the absorbed incident's stream, in the same commit as <see cref="IncidentUnmerged"/>: it is an incident of its own again.</summary>
public sealed record IncidentRestored(Guid Survivor, string Reason);
