using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace AttackTracker.Api.Reports;

public static class SubmitReportEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.StartsWrite(typeof(SubmitReportEndpoint), nameof(Read));
        chain.Metadata.DescribedAsWrite<ReportRequest, ReportCreated>(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed)
            .WithTags("Reports")
            .WithSummary("Submits one report: every fact becomes one event, all committed together.");
    }

    public static (WriteRequest<SubmitReport>?, IResult) Read(Guid id, HttpRequest request, TimeProvider clock) =>
        WriteRequests.Read<ReportRequest, SubmitReport>(request, (body, errors) => ReportValidation.Validate(id, body, clock.GetUtcNow(), errors), id);

    // The incident's stream is locked (exclusive load), so concurrent reports queue rather than
    // fail; the source is registered or regraded in the same transaction, so a report never names
    // a source that the store does not hold.
    [WolverinePost("/api/incidents/{id}/reports", OperationId = "submitReport")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<(IResult, Events)> Post(
        Guid id,
        [NotBody] WriteRequest<SubmitReport> request,
        [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<IncidentState> incident,
        IncidentWrites writes,
        ReportAppender reports,
        IDocumentSession session,
        IMessageBus bus,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(reports);
        var write = await writes.BeginAsync(request, incident, session, http, id, cancellationToken);
        if (write.Answer is { } answer)
        {
            return (answer, []);
        }

        var (created, events) = await reports.DecideAsync(session, incident.Aggregate!, request.Command, cancellationToken);
        await write.RecordChangesAsync(bus, id, incident.Aggregate!, events);
        return (write.Created(created, ReportAppender.Location(created), created.Version), [.. events]);
    }
}
