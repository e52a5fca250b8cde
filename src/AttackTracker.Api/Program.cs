using AttackTracker.Api.Admin;
using AttackTracker.Api.Corrections;
using AttackTracker.Api.Health;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Samples;
using AttackTracker.Api.Security;
using AttackTracker.Api.Sources;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Incidents;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventStore();
builder.AddApiSecurity();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * JsonBody.DefaultLimit);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(json => IncidentJson.Configure(json.SerializerOptions));
builder.Services.AddOpenApi();
builder.Services.AddHostedService<DevelopmentKey>();
builder.Services.AddHostedService<SampleLoader>();

var app = builder.Build();
if (await AdminCommands.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseApiSecurity();
app.MapOpenApi();
app.UseSwaggerUI(ui => ui.SwaggerEndpoint("/openapi/v1.json", "AttackTracker"));
app.MapHealth();
app.MapIncidents();
app.MapReports();
app.MapCorrections();
app.MapTimeTravel();
app.MapSources();
app.MapAdmin();
await app.RunAsync();
return 0;

public partial class Program;
