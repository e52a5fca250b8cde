using AttackTracker.Domain;

namespace AttackTracker.Api.Http;

public static class HttpSetup
{
    /// <summary>
    /// What every endpoint shares: the body limit, problems for errors, the one JSON shape, the
    /// OpenAPI document, and the write pipeline (IncidentWrites).
    /// </summary>
    public static WebApplicationBuilder AddHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * StrictJson.BodyLimit);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => IncidentJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi
            .AddDocumentTransformer<OpenApiDocumentInfo>()
            .AddDocumentTransformer<OpenApiPolymorphism>()
            .AddDocumentTransformer<OpenApiWebhooks>()
            .AddSchemaTransformer<OpenApiSchemas>()
            .AddOperationTransformer<OpenApiOperations>());
        builder.Services.AddSingleton<IncidentWrites>();
        return builder;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and the browsable API at /swagger.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "AttackTracker");
            // Authorize once with a key (X-Api-Key or Bearer) and try the writes; kept across reloads.
            ui.ConfigObject.PersistAuthorization = true;
        });
        return app;
    }
}
