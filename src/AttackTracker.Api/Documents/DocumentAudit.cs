using System.Text.Json;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Documents;

/// <summary>
/// Verify's look at the documents: each stream holds its one event, whose text still hashes to the
/// document's address and whose stream id derives from it; the stream's hash chain is intact; and
/// the stored summary is what the projection makes of the event.
/// </summary>
public static class DocumentAudit
{
    public static async Task<(int Checked, long EventsRead)> CheckAsync(IQuerySession session, StoreSettings settings, List<ViewDifference> differences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(differences);
        var streams = new List<(Guid Id, long Version)>();
        await using (var command = new NpgsqlCommand($"""SELECT id, version FROM "{settings.Schema}".mt_streams WHERE type = '{DocumentSummaryProjection.DocumentStreamType}' ORDER BY id"""))
        await using (var reader = await session.ExecuteReaderAsync(command, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
            }
        }

        long eventsRead = 0;
        foreach (var (id, version) in streams)
        {
            var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
            eventsRead += events.Count;
            if (Problem(id, events) is { } problem)
            {
                differences.Add(new ViewDifference(id, version, events.Count, problem));
                continue;
            }

            var stored = (IEvent<DocumentStored>)events[0];
            var integrity = await CheckIntegrityEndpoint.VerifyAsync(session, settings, id, cancellationToken);
            if (!integrity.Intact)
            {
                differences.Add(new ViewDifference(id, version, version, $"document {stored.Data.DocumentId}: the hash chain is broken at version {integrity.FirstBrokenVersion} ({integrity.Problem})"));
            }

            var summary = await session.LoadAsync<DocumentSummary>(id, cancellationToken);
            if (Json(summary) != Json(DocumentSummaryProjection.Create(stored)))
            {
                differences.Add(new ViewDifference(id, version, version, $"document {stored.Data.DocumentId}: the stored summary differs from the document's event"));
            }
        }

        return (streams.Count, eventsRead);
    }

    private static string? Problem(Guid id, IReadOnlyList<IEvent> events)
    {
        if (events is not [IEvent<DocumentStored> { Data: var document }])
        {
            return $"the document stream holds {events.Count} events; a document has exactly one, DocumentStored";
        }

        if (DocumentIds.For(document.Text) != document.DocumentId)
        {
            return $"document {document.DocumentId}: its text no longer hashes to its address";
        }

        return DocumentIds.StreamId(document.DocumentId) != id ? $"document {document.DocumentId}: its stream is not the one its address names" : null;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, IncidentJson.Options);
}
