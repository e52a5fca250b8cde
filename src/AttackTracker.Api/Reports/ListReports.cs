using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Reports;

public static class ListReportsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<IReadOnlyList<ReportView>>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Reports")
            .WithSummary("The incident's reports with their facts, in recording order.");
    }

    [WolverineGet("/api/incidents/{id}/reports", OperationId = "listReports")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(Guid id, IQuerySession session, IncidentReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = await reader.StateAsync(session, id, cancellationToken);
        return state is null
            ? Problems.NotFound($"Incident {id}")
            : TypedResults.Ok<IReadOnlyList<ReportView>>([.. state.Reports.Select(r => ReportView.From(id, r, state))]);
    }
}
