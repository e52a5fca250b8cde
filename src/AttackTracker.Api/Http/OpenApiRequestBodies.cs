using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// Describes the JSON body a write accepts. The writes read their body themselves (strictly, and
/// before the store is touched), so Wolverine sees no body parameter; the type comes from the
/// endpoint's <see cref="JsonRequestBody"/> metadata (<see cref="WriteEndpointMetadata"/>). A write
/// answers 201, never 200.
/// </summary>
public sealed class OpenApiRequestBodies : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().LastOrDefault();
        if (operation.RequestBody is null && body?.RequestType is { } type)
        {
            IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            if (context.Document is { } document)
            {
                // As a named component, like every response type, so generated clients get a type for it.
                document.Components ??= new OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                document.Components.Schemas.TryAdd(type.Name, schema);
                schema = new OpenApiSchemaReference(type.Name, document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                },
            };
        }

        if (operation.Responses is { } responses && responses.ContainsKey("201"))
        {
            responses.Remove("200");
        }
    }
}
