using System.Text.Json.Nodes;
using AttackTracker.Domain;
using AttackTracker.Domain.Reports;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>The path parameters' descriptions and the query parameters' real types and bounds.</summary>
internal static class OpenApiParameters
{
    internal static void DescribePaths(OpenApiOperation operation, string path)
    {
        var subscription = path.StartsWith("/api/subscriptions", StringComparison.Ordinal);
        var document = path.StartsWith("/api/documents", StringComparison.Ordinal);
        foreach (var parameter in operation.Parameters!.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            parameter.Description ??= parameter.Name switch
            {
                "id" when subscription => "The subscription's id.",
                "id" when document => "The document's id: the SHA-256 of its text, 64 hex digits.",
                "id" => "The incident's id.",
                "deadLetterId" => "The dead letter's id.",
                "reportId" => "The report's id.",
                "category" => "A casualty category.",
                _ => null,
            };
            if (parameter.Name == "category")
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. Enum.GetValues<CasualtyCategory>().Select(c => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(c, IncidentJson.Options))!)],
                };
            }
        }
    }

    internal static void Describe(OpenApiOperation operation, QueryParameter query)
    {
        var schema = query.Value switch
        {
            QueryValue.Whole => new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int64",
                Minimum = query.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Maximum = query.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            QueryValue.Instant => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = @"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$",
            },
            QueryValue.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            QueryValue.Country => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Z]{2}$" },
            QueryValue.Choice => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. query.Choices!.Select(c => (JsonNode)JsonValue.Create(c))] },
            _ => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = query.MaxLength },
        };
        var existing = operation.Parameters!.OfType<OpenApiParameter>().FirstOrDefault(p => p.In == ParameterLocation.Query && p.Name == query.Name);
        if (existing is null)
        {
            existing = new OpenApiParameter { Name = query.Name, In = ParameterLocation.Query };
            operation.Parameters!.Add(existing);
        }

        existing.Required = false;
        existing.Description = query.Description;
        existing.Schema = schema;
    }
}
