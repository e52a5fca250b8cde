using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Sources;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace AttackTracker.Api.Documents;

/// <summary>A stored document without its text, for lists and searches (the desk's "pick a stored document"); the text stays in the event alone.</summary>
public sealed record DocumentSummary(
    Guid Id,
    string DocumentId,
    string Title,
    string? Url,
    SourceRef Publisher,
    ReportedTime PublishedAt,
    string? Language,
    int Length,
    DateTimeOffset StoredAt,
    string StoredBy,
    string SearchText);

/// <summary>Each document's summary, inline with its stream (written once: a document never changes).</summary>
public sealed class DocumentSummaryProjection : SingleStreamProjection<DocumentSummary, Guid>
{
    public const string ProjectionName = "document_summary";

    /// <summary>Marten's name for the aggregate, in mt_streams.type, of every document's stream (a stored name: never renamed).</summary>
    public const string DocumentStreamType = "document_summary";

    public DocumentSummaryProjection() => Name = ProjectionName;

    public static void MapDocuments(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<DocumentSummary>().Duplicate(x => x.DocumentId);
    }

    public static DocumentSummary Create(IEvent<DocumentStored> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.Data;
        return new DocumentSummary(
            e.StreamId, d.DocumentId, d.Title, d.Url, d.Publisher, d.PublishedAt, d.Language, d.Text.Length, e.Timestamp,
            e.UserName ?? Domain.Incidents.IncidentFold.Anonymous, SourceNames.Normalize($"{d.Title} {d.Publisher.Name}"));
    }
}
