using AttackTracker.Api.Admin;
using AttackTracker.Api.Documents;
using AttackTracker.Api.Exchange;
using AttackTracker.Api.Groups;
using AttackTracker.Api.Health;
using AttackTracker.Api.Http;
using AttackTracker.Api.Identity;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Samples;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Api.Web;
using JasperFx;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommandLine(args);
// Each folder registers what it owns. The order is the hosted services' start order: the schema
// first (Store), the background workers, then the development key, the samples and the summary.
builder.AddStore();
builder.AddNotifications();
builder.AddExchange();
builder.AddIdentity();
builder.AddHttp();
builder.AddWebPages();
builder.AddIncidents();
builder.AddStatistics();
builder.AddGroups();
builder.AddDocuments();
builder.AddTimeTravel();
builder.AddAdmin();
builder.AddApiSecurity();
builder.AddSamples();
builder.AddHealth();

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
app.MapApiDocument();
app.MapWolverineEndpoints();
app.MapWebPages();
return await app.RunJasperFxCommands(args);

public partial class Program;
