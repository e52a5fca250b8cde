using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttackTracker.Api.Http;

/// <summary>
/// The document's own parts: info with contact and licence, the server without a trailing slash,
/// a description of every tag, and the API-key security schemes (docs/security.md). The server is
/// <c>Api:PublicUrl</c> when it is set (the address clients use, behind any proxy), else the address
/// the document was asked for.
/// </summary>
public sealed class OpenApiDocumentInfo(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Incidents"] = "Open incidents and read them: the current view, or the view at a point on the publication, recording or version axis.",
        ["Reports"] = "Post a source's report, each fact its own event, and read reports back.",
        ["Corrections"] = "Retract facts and adjudicate figures. Nothing is deleted: a correction is a new event.",
        ["Documents"] = "Store an article's text once, addressed by its SHA-256; read the facts the suggestion engine finds in it, each with its passage; and the desk's record of which suggestions were accepted, edited or rejected (docs/desk.md).",
        ["Sources"] = "The outlets and agencies that reports cite, with their reliability grade.",
        ["Time travel and audit"] = "History, diffs, figure series, the raw events and the hash chain of an incident.",
        ["Data exchange"] = "The record in and out for researchers: GTD-shaped CSV export and import, and the event log as a verifiable archive.",
        ["Notifications"] = "Be told when the record changes: signed webhooks (Standard Webhooks) to subscribed URLs, with retries and dead letters, and the same notifications as a live Server-Sent Events feed.",
        ["Statistics"] = "Totals across incidents (ranges of killed and wounded, disputed and single-source counts) by country, year, group, attack or weapon type, and perpetrator groups' profiles, from an async projection whose progress every answer states.",
        ["Groups"] = "Perpetrator groups' identity, editorial decisions each with who and why: a group's canonical name and aliases, merges and splits, its history, and aliases suggested from the names seen (docs/identity.md).",
        ["Admin"] = "Rebuild the read models from the events, verify them against a fresh fold, and list the events an async projection could not apply.",
        ["Health"] = "Whether the service and its database answer.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "AttackTracker API",
            Version = "1",
            Description = "Every reported fact about a violent attack as an immutable event with its provenance: "
                + "post reports, read each incident as it stands or as it stood on either time axis, and audit every change. "
                + "Reads are open unless the service is configured otherwise; every write needs an API key (X-Api-Key or Authorization: Bearer).",
            Contact = new OpenApiContact { Name = "AttackTracker", Url = new Uri("https://attacktracker.dev") },
            // No licence has been granted for the code or the API: the default of copyright law.
            License = new OpenApiLicense { Name = "All rights reserved", Identifier = "LicenseRef-All-Rights-Reserved" },
        };

        if (configuration["Api:PublicUrl"] is { Length: > 0 } publicUrl)
        {
            document.Servers = [new OpenApiServer { Url = publicUrl.TrimEnd('/'), Description = "The service." }];
        }

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        // A JsonNode holds any JSON value but null (C# null is JSON null), so a nullable one,
        // oneOf [null, JsonNode], matches exactly one branch.
        if (document.Components?.Schemas is { } schemas && schemas.ContainsKey("JsonNode"))
        {
            schemas["JsonNode"] = new OpenApiSchema { Not = new OpenApiSchema { Type = JsonSchemaType.Null }, Description = "Any JSON value." };
        }

        // Produced by an endpoint's IResult return type, never by a response.
        document.Components?.Schemas?.Remove("IResult");

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Keys.ApiKeyAuthentication.Header,
                Description = "An API key (atk_…). Roles: reader, analyst (may write reports, and subscribe to webhooks for the incidents it follows), editor (may also correct, rebuild and manage every subscription).",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key, sent as Authorization: Bearer atk_….",
            },
        };
        return Task.CompletedTask;
    }
}
