namespace AttackTracker.Domain.Sources;

public sealed record SourceRegistered(Guid SourceId, string Name, SourceKind Kind, Reliability Reliability, string? Url);

public sealed record SourceGraded(Guid SourceId, SourceKind Kind, Reliability Reliability);

/// <summary>The source as it stood when a report was submitted.</summary>
public sealed record SourceRef(Guid Id, string Name, SourceKind Kind, Reliability Reliability);
