using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// Completes each operation from the endpoint's metadata and the service's shared behaviour:
/// <list type="bullet">
/// <item>the JSON body a write reads itself (<see cref="JsonRequestBody"/>);</item>
/// <item>the query parameters it reads from strings (<see cref="QueryParameters"/>), with their real types and bounds;</item>
/// <item>the headers: Idempotency-Key, X-Correlation-Id and If-Match on writes, If-None-Match on conditional reads;
/// ETag, Location, Idempotent-Replayed and Retry-After on responses;</item>
/// <item>the problems every operation can answer (a bad key, the rate limit, the database away), as ProblemDetails;</item>
/// <item>the API-key requirement from the endpoint's authorization policy.</item>
/// </list>
/// </summary>
public sealed class OpenApiOperations(IConfiguration configuration) : IOpenApiOperationTransformer
{
    private const string ProblemMediaType = "application/problem+json";

    private readonly bool _readsRequireKey = configuration.GetValue("Auth:ReadsRequireKey", false);

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = "/" + context.Description.RelativePath?.TrimStart('/');
        var document = context.Document;
        var write = metadata.OfType<JsonRequestBody>().LastOrDefault();
        if (write is not null && operation.RequestBody is null)
        {
            operation.RequestBody = await OpenApiBodies.BodyAsync(write.RequestType, context, cancellationToken);
        }

        var csvBody = metadata.OfType<CsvRequestBody>().Any();
        if (metadata.OfType<CsvRequestBody>().LastOrDefault() is { } csv && operation.RequestBody is null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = csv.Description,
                Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }

        operation.Parameters ??= [];
        OpenApiParameters.DescribePaths(operation, path);
        foreach (var query in metadata.OfType<QueryParameters>().SelectMany(q => q.Parameters))
        {
            OpenApiParameters.Describe(operation, query);
        }

        operation.Responses ??= [];
        var responses = operation.Responses;
        // Wolverine describes a 200 for every endpoint that returns IResult; one that answers 201,
        // 202 or 204 instead never sends it, unless it says it does (an import: 200 when done, 202 when queued).
        var says200 = metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Any(m => m.StatusCode == StatusCodes.Status200OK && m.Type is { } type && !typeof(IResult).IsAssignableFrom(type));
        if (!says200 && (responses.ContainsKey("201") || responses.ContainsKey("202") || responses.ContainsKey("204")))
        {
            responses.Remove("200");
        }

        if (!path.Contains('{', StringComparison.Ordinal))
        {
            responses.Remove("404");
        }

        if (metadata.OfType<CsvAnswer>().Any() && responses.TryGetValue("200", out var answer) && answer.Content is { } content)
        {
            content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        if (write is not null)
        {
            Header(operation, Idempotency.Header, "Makes the write exactly-once for 24 hours: a retry with the same key and body gets the first answer again.", new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxLength });
            if (path.Contains("{id}", StringComparison.Ordinal))
            {
                Header(operation, "If-Match", "The incident version the write expects, as its ETag (\"12\"); * or none appends to whatever the incident holds. A stale version is 412.", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 });
            }

            if (responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
            {
                createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                createdResponse.Headers["Location"] = ResponseHeader("Where the created resource is read.", "uri-reference");
                createdResponse.Headers["ETag"] = ResponseHeader("The incident's version after the write.");
                createdResponse.Headers["Idempotent-Replayed"] = ResponseHeader("true when this is the stored answer to an earlier request with the same Idempotency-Key.");
            }
        }

        if (write is not null)
        {
            Header(operation, IncidentWrites.CorrelationHeader, "Ties the events of this request together in their metadata (1 to 100 printable ASCII characters); otherwise the W3C trace id.", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[!-~]{1,100}$" });
        }

        if (metadata.OfType<ConditionalRead>().Any())
        {
            Header(operation, "If-None-Match", "The ETag of a view the client holds: 304 when the incident has not changed since.", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1000 });
            if (responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
            {
                okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                okResponse.Headers["ETag"] = ResponseHeader("The incident's version; only on the current view.");
            }

            responses["304"] = new OpenApiResponse
            {
                Description = "Not Modified: the incident is still at the version of If-None-Match.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = ResponseHeader("The incident's version.") },
            };
        }

        ReadAfter(operation, responses, write is not null, context.Description.HttpMethod == "GET" && ReadRouting.IsRoutedPath(path));
        var policy = metadata.OfType<IAuthorizeData>().LastOrDefault()?.Policy;
        var keyRequired = policy is SecuritySetup.WritePolicy or SecuritySetup.EditPolicy || (policy == SecuritySetup.ReadPolicy && _readsRequireKey);
        Problem(responses, "401", keyRequired ? "Unauthorized: no API key, or a key that is unknown or revoked." : "Unauthorized: the API key sent is unknown or revoked.", document);
        if (keyRequired)
        {
            Problem(responses, "403", "Forbidden: the key's role may not do this.", document);
        }

        if (path != "/health")
        {
            Problem(responses, "429", "Too Many Requests: over the key's (or the address's) rate limit.", document, retryAfter: true);
        }

        Problem(responses, "503", "Service Unavailable: the database does not answer; nothing was written.", document, retryAfter: true);
        // Every operation refuses a query parameter it does not take (Http/StrictQuery.cs).
        Problem(responses, "400", "Bad Request: a parameter or a field is wrong (or a query parameter the operation does not take); errors names each one.", document, validation: true);

        if (responses.TryGetValue("412", out var stale) && stale is OpenApiResponse staleResponse)
        {
            staleResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            staleResponse.Headers["ETag"] = ResponseHeader("The incident's current version.");
        }

        foreach (var (status, response) in responses)
        {
            if (status[0] is '4' or '5' && response is OpenApiResponse problem)
            {
                problem.Description = csvBody && status is "413" or "415"
                    ? (status == "413" ? "Content Too Large: the CSV is over the import's limit (Import:MaxBytes, 1 GiB by default)." : "Unsupported Media Type: send Content-Type: text/csv, with its charset when it is not UTF-8.")
                    : Describe(status, problem.Description);
                problem.Content = ProblemContent(status == "400", document);
            }
        }

        operation.Security = Security(policy, keyRequired, path, document);
    }

    /// <summary>The read-your-writes token (Store/ReadSessions.cs): sent back by reads that may come from a standby, answered by them and by writes.</summary>
    private static void ReadAfter(OpenApiOperation operation, OpenApiResponses responses, bool write, bool routedRead)
    {
        const string Only = " Only where reads may come from a standby (ConnectionStrings:EventStoreReads); see docs/api.md#read-your-writes.";
        if (routedRead)
        {
            Header(operation, Store.ReadSessions.HeaderName, "Read-your-writes: the X-Read-After of an earlier answer. The read shows at least what that answer showed or wrote, from a standby that has replayed that far or else from the primary." + Only, new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$" });
        }

        if (!routedRead && !write)
        {
            return;
        }

        foreach (var (status, response) in responses)
        {
            if (status[0] == '2' && response is OpenApiResponse answer)
            {
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                answer.Headers[Store.ReadSessions.HeaderName] = ResponseHeader("A WAL position (16/B374D848) at or past everything this answer wrote or showed: send it as X-Read-After on the next read." + Only);
            }
        }
    }

    private static void Header(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        if (operation.Parameters!.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        operation.Parameters!.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema });
    }

    private static OpenApiHeader ResponseHeader(string description, string? format = null) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = format } };

    private static void Problem(OpenApiResponses responses, string status, string description, OpenApiDocument? document, bool retryAfter = false, bool validation = false)
    {
        if (!responses.TryGetValue(status, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse();
            responses[status] = response;
        }

        response.Description = description;
        response.Content = ProblemContent(validation, document);
        if (retryAfter)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }
    }

    private static Dictionary<string, OpenApiMediaType> ProblemContent(bool validation, OpenApiDocument? document) => new()
    {
        [ProblemMediaType] = new OpenApiMediaType
        {
            Schema = document is null
                ? new OpenApiSchema { Type = JsonSchemaType.Object }
                : new OpenApiSchemaReference(validation ? "HttpValidationProblemDetails" : "ProblemDetails", document),
        },
    };

    private static string Describe(string status, string? current) =>
        !string.IsNullOrWhiteSpace(current) && current != "Bad Request" && current != "Not Found" ? current : status switch
        {
            "400" => "Bad Request: a parameter or a field is wrong; errors names each one.",
            "404" => "Not Found: no such incident, report, document or version.",
            "409" => "Conflict: the stream changed while the request was written; retry it.",
            "412" => "Precondition Failed: If-Match names a version the incident has moved past.",
            "413" => "Content Too Large: the body is over 256 KiB.",
            "415" => "Unsupported Media Type: send Content-Type: application/json.",
            "422" => "Unprocessable Content: the Idempotency-Key was used for another request.",
            _ => current ?? status,
        };

    private static List<OpenApiSecurityRequirement> Security(string? policy, bool keyRequired, string path, OpenApiDocument? document)
    {
        if (document is null || path == "/health" || policy is null)
        {
            return [];
        }

        var apiKey = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiDocumentInfo.ApiKeyScheme, document)] = [] };
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiDocumentInfo.BearerScheme, document)] = [] };
        // An empty requirement: the operation may also be called without a key.
        return keyRequired ? [apiKey, bearer] : [new OpenApiSecurityRequirement(), apiKey, bearer];
    }
}
