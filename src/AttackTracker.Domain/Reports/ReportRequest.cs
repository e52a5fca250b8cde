using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Reports;

/// <summary>The body of POST /api/incidents/{id}/reports.</summary>
public sealed record ReportRequest(
    SourceRequest? Source,
    string? Title,
    string? Url,
    string? PublishedAt,
    int? Credibility,
    IReadOnlyList<Fact?>? Facts,
    DeskRequest? Desk = null);

public sealed record SourceRequest(string? Name, string? Url, SourceKind? Kind, Reliability? Reliability);

/// <summary>A validated report, ready to decide on.</summary>
public sealed record SubmitReport(
    Guid IncidentId,
    SourceRequest Source,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    int? Credibility,
    IReadOnlyList<Fact> Facts,
    DeskReview? Desk = null)
{
    /// <summary>The documents the report cites: its facts' passages and the desk's document.</summary>
    public IReadOnlyList<string> CitedDocuments() =>
        [.. Facts.Select(f => f.Passage?.Document).Append(Desk?.Document).OfType<string>().Distinct(StringComparer.Ordinal)];
}
