using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using Marten;
using Marten.Exceptions;

namespace AttackTracker.Api.Documents;

/// <summary>What storing a document came to: the document, and whether this write stored it (or a replayed answer, or a reused key).</summary>
public abstract record DocumentWrite
{
    public sealed record Stored(DocumentInfo Document, bool Created) : DocumentWrite;

    public sealed record Replayed(StoredResponse Response) : DocumentWrite;

    public sealed record KeyReused : DocumentWrite;
}

/// <summary>
/// Stores a document through the write path (<see cref="WriteUnit"/>): one load batch (the
/// idempotency claim, the publisher, the document's stream, the clock), the unit of work and
/// COMMIT. Text already stored is answered with the stored document and nothing is written; two
/// writers storing the same new text at once store it once (the second finds the stream taken).
/// Used by POST /api/documents and by the desk.
/// </summary>
public sealed class DocumentWrites(WriteUnits units, IDocumentStore store, StoreSettings settings, TimeProvider clock)
{
    public static string Location(string documentId) => $"/api/documents/{documentId}";

    public async Task<DocumentWrite> StoreAsync(StoreDocument command, WriteOrigin origin, IdempotencyRequest? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await WriteAsync(command, origin, key, cancellationToken);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return await ExistingAsync(command.DocumentId, cancellationToken);
        }
    }

    private async Task<DocumentWrite> WriteAsync(StoreDocument command, WriteOrigin origin, IdempotencyRequest? key, CancellationToken cancellationToken)
    {
        Task<IdempotencyClaim>? claim = null;
        var load = new WriteLoad([], [command.Publisher], [command.DocumentId]);
        await using (var unit = await units.BeginAsync(origin, load, cancellationToken, key is null ? null : batch => claim = batch.AddItem(Idempotency.Claim(settings.Schema, key))))
        {
            switch (claim is null ? null : await claim)
            {
                case IdempotencyClaim.Replay replay:
                    return new DocumentWrite.Replayed(replay.Response);
                case IdempotencyClaim.Mismatch:
                    return new DocumentWrite.KeyReused();
            }

            if (!unit.Documents.ContainsKey(command.DocumentId))
            {
                var decision = DocumentValidation.Decide(command, unit.Context(Guid.Empty, clock.GetUtcNow(), command.Publisher));
                unit.StartDocument(decision, command.Publisher);
                var stored = decision.Response!;
                var info = new DocumentInfo(
                    stored.DocumentId, stored.Title, stored.Url, stored.Publisher, stored.PublishedAt, stored.Language, stored.Text.Length, unit.RecordedAt, unit.RecordedBy);
                if (key is not null)
                {
                    var json = JsonSerializer.Serialize(info, IncidentJson.Options);
                    Idempotency.Complete(unit.Session, settings.Schema, key.Key, new StoredResponse(StatusCodes.Status201Created, json, Location(info.Id), ETags.For(1)));
                }

                await unit.CommitAsync(cancellationToken);
                return new DocumentWrite.Stored(info, Created: true);
            }
        }

        return await ExistingAsync(command.DocumentId, cancellationToken);
    }

    private async Task<DocumentWrite> ExistingAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var view = await DocumentReader.LoadAsync(session, documentId, cancellationToken)
            ?? throw new InvalidOperationException($"The document {documentId} was found taken and then not found.");
        return new DocumentWrite.Stored(view.ToInfo(), Created: false);
    }
}
