using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>Request bodies and the record types they hold, as named components of the document.</summary>
internal static class OpenApiBodies
{
    internal static async Task<OpenApiRequestBody> BodyAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        IOpenApiSchema schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        if (context.Document is { } document)
        {
            // As named components, like every response type, so generated clients get a type for
            // each (the generator inlines a request body's nested types).
            Named(schema, type, document);
            schema = Component(type, schema, document);
        }

        return new OpenApiRequestBody
        {
            Required = true,
            Description = "JSON, read strictly: unknown fields, duplicate keys and wrong types are 400 naming the field.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    /// <summary>Replaces the inline schemas of the body's record-typed properties (and list items) with references to components.</summary>
    internal static void Named(IOpenApiSchema schema, Type type, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }

        foreach (var member in type.GetProperties())
        {
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (!properties.TryGetValue(name, out var property) || property is not OpenApiSchema inline)
            {
                continue;
            }

            var memberType = Nullable.GetUnderlyingType(member.PropertyType) ?? member.PropertyType;
            var item = memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? memberType.GetGenericArguments()[0] : null;
            if (item is not null && IsRecord(item) && inline.Items is { } items)
            {
                inline.Items = Component(item, items, document);
            }
            else if (IsRecord(memberType))
            {
                Named(inline, memberType, document);
                properties[name] = Component(memberType, inline, document);
            }
        }
    }

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("AttackTracker", StringComparison.Ordinal) == true;

    internal static OpenApiSchemaReference Component(Type type, IOpenApiSchema schema, OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // A type the responses use too (a fact) is already a component, with its variants as components.
        document.Components.Schemas.TryAdd(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }
}
