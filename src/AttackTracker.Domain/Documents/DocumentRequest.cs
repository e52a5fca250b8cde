using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Documents;

/// <summary>The body of POST /api/documents.</summary>
public sealed record DocumentRequest(
    string? Text,
    string? Title,
    string? Url,
    SourceRequest? Publisher,
    string? PublishedAt,
    string? Language);

/// <summary>A validated document, ready to store: its text as stored (line ends as LF) and its address.</summary>
public sealed record StoreDocument(
    string DocumentId,
    string Text,
    string Title,
    string? Url,
    SourceRequest Publisher,
    ReportedTime PublishedAt,
    string? Language);
