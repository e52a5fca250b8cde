using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// Polymorphic request types (a fact, whose "type" picks the kind) in the shape client generators
/// understand: the base schema carries the discriminator and the closed list of kinds, and each
/// kind is <c>allOf</c> [base, its own properties] under its own name (<c>TimelineFact</c>, not
/// ASP.NET's <c>FactTimelineFact</c>). ASP.NET writes the base as an <c>anyOf</c> of the kinds, which
/// NSwag, among others, turns into a base class that knows none of them.
/// </summary>
public sealed class OpenApiPolymorphism : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Components?.Schemas is not { } schemas)
        {
            return Task.CompletedTask;
        }

        foreach (var (baseName, baseSchema) in schemas.ToList())
        {
            if (baseSchema is not OpenApiSchema { Discriminator: { PropertyName: { } property, Mapping: { Count: > 0 } mapping } } polymorphic)
            {
                continue;
            }

            var kinds = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
            foreach (var (kind, reference) in mapping)
            {
                var oldName = reference.Reference.Id!;
                var newName = oldName.StartsWith(baseName, StringComparison.Ordinal) && oldName.Length > baseName.Length && !schemas.ContainsKey(oldName[baseName.Length..])
                    ? oldName[baseName.Length..]
                    : oldName;
                if (schemas[oldName] is OpenApiSchema own)
                {
                    own.Properties?.Remove(property);
                    own.Type = JsonSchemaType.Object;
                    schemas.Remove(oldName);
                    schemas[newName] = new OpenApiSchema
                    {
                        Description = own.Description,
                        AllOf = [new OpenApiSchemaReference(baseName, document), own],
                    };
                    own.Description = null;
                }

                kinds[kind] = new OpenApiSchemaReference(newName, document);
            }

            schemas[baseName] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = polymorphic.Description,
                Required = new HashSet<string>(StringComparer.Ordinal) { property },
                Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                {
                    [property] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [.. kinds.Keys.Select(k => (System.Text.Json.Nodes.JsonNode)k)],
                        Description = "The kind; the schema named in the discriminator's mapping lists its properties.",
                    },
                },
                Discriminator = new OpenApiDiscriminator { PropertyName = property, Mapping = kinds },
            };
        }

        return Task.CompletedTask;
    }
}
