using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Reports;

public static class GetReportEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ReportView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Reports")
            .WithSummary("One report with its facts and their retractions.");
    }

    [WolverineGet("/api/reports/{reportId}", OperationId = "getReport")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid reportId, IQuerySession session, IncidentReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reader);
        if (reportId == Guid.Empty
            || await session.LoadAsync<ReportIndexEntry>(reportId, cancellationToken) is not { } entry
            || await reader.StateAsync(session, entry.IncidentId, cancellationToken) is not { } state
            || state.Reports.Find(r => r.ReportId == reportId) is not { } report)
        {
            return Problems.NotFound($"Report {reportId}");
        }

        return TypedResults.Ok(ReportView.From(entry.IncidentId, report, state));
    }
}
