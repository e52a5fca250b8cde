using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace AttackTracker.Api.Tests.Contract;

/// <summary>
/// The service's published OpenAPI document (/openapi/v1.json), as a judge of responses: the
/// status must be one the operation lists, the media type one it lists for that status, and the
/// body must validate against that response's JSON Schema (OpenAPI 3.1 schemas are JSON Schema
/// 2020-12; formats are checked too).
/// </summary>
public sealed class PublishedContract
{
    private static readonly Uri Base = new("https://attacktracker.test/openapi/v1.json");

    private readonly JsonObject _document;
    private readonly EvaluationOptions _options;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public PublishedContract(string json)
    {
        _document = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The OpenAPI document is empty.");
        _options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        _options.SchemaRegistry.Register(new JsonNodeBaseDocument(_document, Base));
    }

    public JsonObject Document => _document;

    /// <summary>The operation for a route template as the service registers it ("/api/incidents/{id}"), or null.</summary>
    public JsonObject? Operation(string method, string route) =>
        _document["paths"]?[route]?[method.ToLowerInvariant()]?.AsObject();

    /// <summary>Every way a webhook's body breaks the document's description of it (its "webhooks" entry); none when it keeps to it.</summary>
    public IReadOnlyList<string> CheckWebhook(string name, string body)
    {
        var pointer = JsonPointer.Create("webhooks", name, "post", "requestBody", "content", "application/json", "schema");
        var schema = _schemas.GetOrAdd(pointer.ToString(), p => JsonSchema.FromText($$"""{"$ref": "{{Base}}#{{p}}"}"""));
        var result = schema.Evaluate(JsonNode.Parse(body), _options);
        return result.IsValid
            ? []
            : [.. result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"webhook {name} at {d.InstanceLocation}: {e.Value} (schema {d.EvaluationPath})")).Take(10)];
    }

    /// <summary>Every way the response breaks the document; none when it keeps to it.</summary>
    public IReadOnlyList<string> Check(string method, string route, int status, string? contentType, byte[] body)
    {
        var operation = Operation(method, route);
        if (operation is null)
        {
            return [$"{method} {route} is not in the document."];
        }

        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation["responses"]!.AsObject();
        if (!responses.ContainsKey(code))
        {
            return [$"{method} {route} answered {status}, which the document does not list ({string.Join(", ", responses.Select(r => r.Key))})."];
        }

        var content = responses[code]?["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 ? [] : [$"{method} {route} {status} has a body, which the document does not describe."];
        }

        var mediaType = contentType?.Split(';')[0].Trim();
        if (mediaType is null || !content.ContainsKey(mediaType))
        {
            return [$"{method} {route} {status} was '{contentType}', not one of {string.Join(", ", content.Select(c => c.Key))}."];
        }

        // A CSV or JSON Lines download is described as text; only JSON bodies have a schema to hold them to.
        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return [];
        }

        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return [$"{method} {route} {status} is not JSON: {ex.Message}"];
        }

        var pointer = JsonPointer.Create("paths", route, method.ToLowerInvariant(), "responses", code, "content", mediaType, "schema");
        var schema = _schemas.GetOrAdd(pointer.ToString(), p => JsonSchema.FromText($$"""{"$ref": "{{Base}}#{{p}}"}"""));
        var result = schema.Evaluate(instance, _options);
        return result.IsValid
            ? []
            : [.. result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{method} {route} {status} at {d.InstanceLocation}: {e.Value} (schema {d.EvaluationPath})")).Take(10)];
    }
}
