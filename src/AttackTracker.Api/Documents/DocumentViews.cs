using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Sources;
using JasperFx.Events;
using Marten;

namespace AttackTracker.Api.Documents;

/// <summary>A stored document without its text: what POST /api/documents answers.</summary>
public sealed record DocumentInfo(
    string Id,
    string Title,
    string? Url,
    SourceRef Publisher,
    ReportedTime PublishedAt,
    string? Language,
    int Length,
    DateTimeOffset StoredAt,
    string StoredBy);

/// <summary>A stored document with its text, as GET /api/documents/{id} answers it.</summary>
public sealed record DocumentView(
    string Id,
    string Title,
    string? Url,
    SourceRef Publisher,
    ReportedTime PublishedAt,
    string? Language,
    int Length,
    DateTimeOffset StoredAt,
    string StoredBy,
    string Text)
{
    public DocumentInfo ToInfo() => new(Id, Title, Url, Publisher, PublishedAt, Language, Length, StoredAt, StoredBy);

    public static DocumentView Of(IEvent<DocumentStored> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.Data;
        return new DocumentView(d.DocumentId, d.Title, d.Url, d.Publisher, d.PublishedAt, d.Language, d.Text.Length, e.Timestamp, e.UserName ?? IncidentFold.Anonymous, d.Text);
    }
}

/// <summary>Reads a document from its stream: its one event holds the text and everything said about it.</summary>
public static class DocumentReader
{
    public static async Task<DocumentView?> LoadAsync(IQuerySession session, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (DocumentIds.Normalize(id) is not { } documentId)
        {
            return null;
        }

        var events = await session.Events.FetchStreamAsync(DocumentIds.StreamId(documentId), token: cancellationToken);
        return events.Count > 0 && events[0] is IEvent<DocumentStored> stored && stored.Data.DocumentId == documentId ? DocumentView.Of(stored) : null;
    }
}
