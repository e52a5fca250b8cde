using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Desk;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Documents;

/// <summary>The suggestion engine's reading of a stored document: each suggestion with its passage (offsets into the text) and confidence.</summary>
public sealed record DocumentSuggestions(string Document, IReadOnlyList<Suggestion> Suggestions);

public static class GetSuggestionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<DocumentSuggestions>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Documents")
            .WithSummary("The facts the suggestion engine reads in a stored document, each with its passage and a confidence (docs/desk.md).");
    }

    [WolverineGet("/api/documents/{id}/suggestions", OperationId = "getSuggestions")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(string id, IQuerySession session, CancellationToken cancellationToken) =>
        await DocumentReader.LoadAsync(session, id, cancellationToken) is { } document
            ? TypedResults.Ok(Of(document))
            : Problems.NotFound($"Document {GetDocumentEndpoint.Shown(id)}");

    /// <summary>The same text and publication date give the same suggestions (the engine is deterministic).</summary>
    public static DocumentSuggestions Of(DocumentView document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DocumentSuggestions(document.Id, Suggestions.Suggest(document.Text, new SuggestOptions { PublishedAt = document.PublishedAt.Date }));
    }
}
