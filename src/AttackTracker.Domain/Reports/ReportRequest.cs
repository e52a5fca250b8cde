using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Reports;

/// <summary>The body of POST /api/incidents/{id}/reports.</summary>
public sealed record ReportRequest(
    SourceRequest? Source,
    string? Title,
    string? Url,
    string? PublishedAt,
    int? Credibility,
    IReadOnlyList<Fact?>? Facts);

public sealed record SourceRequest(string? Name, string? Url, SourceKind? Kind, Reliability? Reliability);

/// <summary>A validated report, ready to decide on.</summary>
public sealed record SubmitReport(
    Guid IncidentId,
    SourceRequest Source,
    string Title,
    string? Url,
    DateTimeOffset PublishedAt,
    int? Credibility,
    IReadOnlyList<Fact> Facts);
