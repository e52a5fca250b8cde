using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Casualties;

public enum FigureStatus
{
    SingleSource,
    Agreed,
    Disputed,
    Adjudicated,
}

/// <summary>One report's count for one casualty category, with its provenance.</summary>
public sealed record CountReport(
    Guid ReportId,
    Guid FactId,
    Guid SourceId,
    string Source,
    Reliability Reliability,
    DateTimeOffset PublishedAt,
    ReportedCount Value,
    string? Quote);

/// <summary>An analyst's ruling on a category's best figure; a report published after <c>At</c> ends it.</summary>
public sealed record Adjudication(int Value, string Rationale, string By, DateTimeOffset At);

/// <summary>A category's figure reconciled across reports (see docs/reconciliation.md).</summary>
public sealed record CasualtyFigure(
    int Low,
    int Best,
    int? High,
    FigureStatus Status,
    IReadOnlyList<CountReport> Reports,
    string? Rationale = null);
