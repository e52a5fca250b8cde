using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Reports;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Reports;

public static class SubmitReportEndpoint
{
    public static readonly IncidentWrite<ReportRequest, SubmitReport, ReportCreated> Write = new(
        Validate: (id, body, now, errors) => ReportValidation.Validate(id, body, now, errors),
        Decide: ReportDecision.Decide,
        Location: created => $"/api/reports/{created.ReportId}",
        Source: command => command.Source,
        Documents: command => command.CitedDocuments());

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<ReportRequest, ReportCreated>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed)
            .WithTags("Reports")
            .WithSummary("Submits one report: every fact becomes one event, all committed together.");
    }

    [WolverinePost("/api/incidents/{id}/reports", OperationId = "submitReport")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static Task<IResult> Post(Guid id, HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, id, Write);
    }
}
