using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Corrections;

public enum RetractionKind
{
    /// <summary>Our record was wrong: the source never said this. Gone on the publication axis at every date.</summary>
    EnteredInError,

    /// <summary>The source corrected or withdrew it: it counts from the report's publication until the correction's.</summary>
    WithdrawnBySource,
}

public sealed record FactsRetracted(IReadOnlyList<Guid> FactIds, RetractionKind Kind, string Reason, DateTimeOffset? PublishedAt);

public sealed record FigureAdjudicated(CasualtyCategory Category, int Value, string Rationale);
