using System.Collections.Immutable;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Incidents;

public sealed record ReportEntry(
    Guid ReportId,
    SourceRef Source,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    int? Credibility,
    IReadOnlyList<Guid> FactIds,
    long Version,
    DateTimeOffset RecordedAt,
    string RecordedBy);

public sealed record FactEntry(Guid FactId, Guid ReportId, Fact Fact, long Version, DateTimeOffset RecordedAt);

public sealed record RetractionEntry(
    Guid FactId,
    RetractionKind Kind,
    string Reason,
    DateTimeOffset? PublishedAt,
    long Version,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>An editor's rejection of another incident as a duplicate of this one (docs/identity.md).</summary>
public sealed record CandidateRejectionEntry(Guid OtherId, string Reason, long Version, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A merge as one side's stream records it: the other incident (the absorbed one on the survivor's stream, the survivor on the absorbed's), why, and who (docs/identity.md).</summary>
public sealed record MergeEntry(Guid OtherId, string Reason, long Version, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record AdjudicationEntry(CasualtyCategory Category, int Value, string Rationale, long Version, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// Everything an incident's stream has asserted, in stream order. Views are derived from it
/// (<see cref="IncidentViewBuilder"/>), so one fold serves the stored projection and every
/// point in time.
/// </summary>
public sealed record IncidentState
{
    public static IncidentState Initial { get; } = new();

    /// <summary>The incident's id, from its <see cref="IncidentOpened"/>; empty before that.</summary>
    public Guid Id { get; init; }

    public IncidentOpened? Opened { get; init; }

    public ImmutableList<ReportEntry> Reports { get; init; } = [];

    public ImmutableList<FactEntry> Facts { get; init; } = [];

    public ImmutableDictionary<Guid, RetractionEntry> Retractions { get; init; } = ImmutableDictionary<Guid, RetractionEntry>.Empty;

    public ImmutableList<AdjudicationEntry> Adjudications { get; init; } = [];

    public ImmutableList<CandidateRejectionEntry> RejectedCandidates { get; init; } = [];

    /// <summary>The incidents merged into this one and not unmerged since, in the order of their merges.</summary>
    public ImmutableList<MergeEntry> Absorbed { get; init; } = [];

    /// <summary>The incident this one is merged into, while it is; null when it is an incident of its own.</summary>
    public MergeEntry? MergedInto { get; init; }

    public long Version { get; init; }

    public DateTimeOffset? LastRecordedAt { get; init; }

    public bool HasFact(Guid factId) => Facts.Exists(f => f.FactId == factId);
}
