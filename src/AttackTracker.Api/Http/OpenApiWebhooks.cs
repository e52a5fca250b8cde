using AttackTracker.Domain.Notifications;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// The request the service sends to a subscription's URL, as an OpenAPI 3.1 webhook: the
/// Standard Webhooks headers and the notification's schema, so that a receiver can generate or
/// check its endpoint from the same document (docs/notifications.md).
/// </summary>
public sealed class OpenApiWebhooks : IOpenApiDocumentTransformer
{
    public const string Name = "changeNotification";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var schema = await context.GetOrCreateSchemaAsync(typeof(NotificationEnvelope), null, cancellationToken);
        OpenApiBodies.Named(schema, typeof(NotificationEnvelope), document);
        var body = OpenApiBodies.Component(typeof(NotificationEnvelope), schema, document);
        Kinds(schema, "type");
        if (document.Components?.Schemas?.TryGetValue(nameof(ChangeNotification), out var notification) == true)
        {
            Kinds(notification, "kind");
        }

        var operation = new OpenApiOperation
        {
            OperationId = Name,
            Summary = "A change notification, POSTed to a subscription's URL and signed per the Standard Webhooks specification.",
            Description = "The receiver verifies webhook-signature (HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}' with the subscription's secret), "
                + "answers 2xx once it has the notification, and de-duplicates on webhook-id: delivery is at least once. "
                + "408, 429 (with Retry-After) and 5xx are retried with backoff; other answers end the delivery as a dead letter.",
            Tags = new HashSet<OpenApiTagReference> { new("Notifications", document) },
            Parameters =
            [
                Header("webhook-id", "The notification's id ({incidentId}:{version}:{ordinal}), the same on every retry and replay."),
                Header("webhook-timestamp", "The time of this attempt, in Unix seconds."),
                Header("webhook-signature", "v1,{base64 signature}; during a secret rotation two of them, space-separated, the new secret's first."),
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Received (any 2xx is); the body is ignored." },
                ["400"] = new OpenApiResponse { Description = "Refused (as any 4xx but 408 and 429): not retried, the delivery becomes a dead letter." },
                ["429"] = new OpenApiResponse { Description = "Busy: retried, no sooner than its Retry-After." },
                ["503"] = new OpenApiResponse { Description = "Unavailable (as any 5xx): retried with backoff." },
            },
            Security = [],
        };
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks[Name] = new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = operation } };
    }

    private static void Kinds(IOpenApiSchema schema, string property)
    {
        if (schema is OpenApiSchema { Properties: { } properties } && properties.TryGetValue(property, out var kind) && kind is OpenApiSchema text)
        {
            text.Enum = [.. ChangeNotifications.Kinds.Select(k => (System.Text.Json.Nodes.JsonNode)k)];
            text.Description = "The notification's kind (docs/notifications.md#kinds).";
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
