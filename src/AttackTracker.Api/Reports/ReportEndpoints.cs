using AttackTracker.Api.Incidents;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Security;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace AttackTracker.Api.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents/{id:guid}/reports").WithTags("Reports");
        incidents.MapPost("/", SubmitReport)
            .DescribedAsWrite<ReportRequest, ReportCreated>(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(SecuritySetup.WritePolicy)
            .WithSummary("Submits one report: every fact becomes one event, all committed together.");
        incidents.MapGet("/", ListReports).RequireAuthorization(SecuritySetup.ReadPolicy).WithSummary("The incident's reports with their facts, in recording order.");
        app.MapGroup("/api/reports").WithTags("Reports")
            .MapGet("/{reportId:guid}", GetReport)
            .RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("One report with its facts and their retractions.");
        return app;
    }

    public static async Task<IResult> SubmitReport(
        Guid id, HttpContext http, ReportWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (IncidentWrites.ReadHeaders(http.Request, out var ifMatch, out var key) is { } badHeader)
        {
            return badHeader;
        }

        var body = await JsonBody.ReadAsync<ReportRequest>(http.Request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new ValidationErrors();
        var command = ReportValidation.Validate(id, body.Value!, clock.GetUtcNow(), errors);
        if (command is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var idempotency = key is null ? null : new IdempotencyRequest(key, IdempotencyKeys.Fingerprint(http.Request, body.Raw));
        var outcome = await writer.SubmitAsync(command, ifMatch, WriteContext.From(http), idempotency, cancellationToken);
        return IncidentWrites.ToResult(outcome, http, ReportWriter.Location, $"Incident {id}");
    }

    public static async Task<Results<Ok<IReadOnlyList<ReportView>>, ProblemHttpResult>> ListReports(
        Guid id, IncidentQueries queries, CancellationToken cancellationToken)
    {
        var state = await queries.StateAsync(id, cancellationToken);
        return state is null
            ? Problems.NotFound($"Incident {id}")
            : TypedResults.Ok<IReadOnlyList<ReportView>>([.. state.Reports.Select(r => ReportView.From(id, r, state))]);
    }

    public static async Task<Results<Ok<ReportView>, ProblemHttpResult>> GetReport(
        Guid reportId, NpgsqlDataSource dataSource, SchemaName schema, IncidentQueries queries, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT incident_id FROM {schema.Quoted}.reports WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = reportId });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid incidentId
            || await queries.StateAsync(incidentId, cancellationToken) is not { } state
            || state.Reports.Find(r => r.ReportId == reportId) is not { } report)
        {
            return Problems.NotFound($"Report {reportId}");
        }

        return TypedResults.Ok(ReportView.From(incidentId, report, state));
    }
}
