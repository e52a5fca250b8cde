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

    public long Version { get; init; }

    public DateTimeOffset? LastRecordedAt { get; init; }

    public bool HasFact(Guid factId) => Facts.Exists(f => f.FactId == factId);
}
