using AttackTracker.Api.Admin;
using AttackTracker.Api.Exchange;
using AttackTracker.Api.Http;
using AttackTracker.Api.Identity;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Samples;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Api.Web;
using AttackTracker.Domain;
using JasperFx;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommandLine(args);
builder.AddStore();
builder.AddApiSecurity();
builder.AddNotifications();
builder.AddExchange();
builder.AddIdentity();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * StrictJson.BodyLimit);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(json => IncidentJson.Configure(json.SerializerOptions));
builder.AddWebPages();
builder.Services.AddOpenApi(openApi => openApi
    .AddDocumentTransformer<OpenApiDocumentInfo>()
    .AddDocumentTransformer<OpenApiPolymorphism>()
    .AddDocumentTransformer<OpenApiWebhooks>()
    .AddSchemaTransformer<OpenApiSchemas>()
    .AddOperationTransformer<OpenApiOperations>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IncidentWrites>().AddSingleton<AttackTracker.Api.Documents.DocumentWrites>();
builder.Services.AddSingleton<ListingQuery>().AddSingleton<IncidentReader>().AddSingleton<IncidentViews>().AddSingleton<IncidentTimeMachine>().AddSingleton<HistoryCache>();
builder.Services.AddSingleton<ProjectionRebuilder>().AddSingleton<ReadModelRebuild>().AddSingleton<StatisticsRebuild>().AddSingleton<ViewVerifier>().AddSingleton<RebuildRuns>();
builder.Services.AddHostedService<RebuildResumer>();
builder.Services.AddHostedService<DevelopmentKey>();
builder.Services.AddHostedService<SampleLoader>();
builder.Services.AddHostedService<AttackTracker.Api.Health.StartupSummary>();

var app = builder.Build();
if (await CommandLine.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiSecurity();
app.UseRequestBuffering();
app.UseStrictQuery();
app.UseReadRouting();
app.MapOpenApi();
app.UseSwaggerUI(ui =>
{
    ui.SwaggerEndpoint("/openapi/v1.json", "AttackTracker");
    // Authorize once with a key (X-Api-Key or Bearer) and try the writes; kept across reloads.
    ui.ConfigObject.PersistAuthorization = true;
});
app.MapWolverineEndpoints();
app.MapWebPages();
return await app.RunJasperFxCommands(args);

public partial class Program;
