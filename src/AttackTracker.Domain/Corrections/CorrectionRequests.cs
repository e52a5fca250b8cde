using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Corrections;

/// <summary>The body of POST /api/incidents/{id}/retractions: either factIds or reportId.</summary>
public sealed record RetractionRequest(IReadOnlyList<Guid>? FactIds, Guid? ReportId, RetractionKind? Kind, string? Reason, string? PublishedAt);

/// <summary>The body of POST /api/incidents/{id}/adjudications.</summary>
public sealed record AdjudicationRequest(CasualtyCategory? Category, int? Value, string? Rationale);
