using System.Text;
using System.Text.Json;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Documents;

public static class StoreDocumentEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<DocumentRequest, DocumentInfo>()
            .Produces<DocumentInfo>(StatusCodes.Status200OK)
            .WithTags("Documents")
            .WithSummary("Stores an article's text once, addressed by its SHA-256: 201 when new, 200 with the stored document when the text is stored already.");
    }

    [WolverinePost("/api/documents", OperationId = "storeDocument")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Post(HttpContext http, DocumentWrites documents, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var (request, problem) = WriteRequests.Read<DocumentRequest, StoreDocument>(http.Request, (body, errors) => DocumentValidation.Validate(body, now, errors));
        if (request is null)
        {
            return problem;
        }

        switch (await documents.StoreAsync(request.Command, IncidentWrites.Origin(http), request.Key, http.RequestAborted))
        {
            case DocumentWrite.Replayed replayed:
                http.Response.Headers.ETag = replayed.Response.ETag;
                http.Response.Headers.Location = replayed.Response.Location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Content(replayed.Response.Body, "application/json", Encoding.UTF8, replayed.Response.Status);
            case DocumentWrite.KeyReused:
                return Problems.IdempotencyMismatch();
            case DocumentWrite.Stored stored:
                http.Response.Headers.ETag = ETags.For(1);
                http.Response.Headers.Location = DocumentWrites.Location(stored.Document.Id);
                return TypedResults.Content(
                    JsonSerializer.Serialize(stored.Document, IncidentJson.Options), "application/json", Encoding.UTF8,
                    stored.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            default:
                throw new InvalidOperationException("Unknown document write.");
        }
    }
}
