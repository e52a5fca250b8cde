using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Documents;

/// <summary>
/// An article's text, stored once in a stream of its own and never changed. <see cref="DocumentId"/>
/// is the SHA-256 of the text (<see cref="DocumentIds"/>), so the same text is always the same document.
/// </summary>
public sealed record DocumentStored(
    string DocumentId,
    string Text,
    string Title,
    string? Url,
    SourceRef Publisher,
    ReportedTime PublishedAt,
    string? Language);

/// <summary>Where a fact's words stand in a stored document: UTF-16 offsets into its text, <c>text[Start..End]</c>.</summary>
public sealed record CitedPassage(string? Document, int? Start, int? End);
