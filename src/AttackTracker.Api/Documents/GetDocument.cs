using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Documents;

public static class GetDocumentEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<DocumentView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Documents")
            .WithSummary("One stored document with its text, exactly as stored (passages are offsets into it).");
    }

    [WolverineGet("/api/documents/{id}", OperationId = "getDocument")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(string id, IQuerySession session, CancellationToken cancellationToken) =>
        await DocumentReader.LoadAsync(session, id, cancellationToken) is { } document
            ? TypedResults.Ok(document)
            : Problems.NotFound($"Document {Shown(id)}");

    /// <summary>An id as a title may show it: a hostile one is cut short.</summary>
    public static string Shown(string? id) => id is null ? string.Empty : id.Length <= 64 ? id : id[..64] + "…";
}
