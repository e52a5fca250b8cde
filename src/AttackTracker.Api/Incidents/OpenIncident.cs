using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace AttackTracker.Api.Incidents;

public static class OpenIncidentEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.StartsWrite(typeof(OpenIncidentEndpoint), nameof(Read));
        chain.Metadata.DescribedAsWrite<OpenIncidentRequest, IncidentView>()
            .WithTags("Incidents")
            .WithSummary("Opens an incident: its stream starts with IncidentOpened.");
    }

    public static string Location(Guid incidentId) => $"/api/incidents/{incidentId}";

    public static (WriteRequest<IncidentOpened>?, IResult) Read(HttpRequest request, TimeProvider clock) =>
        WriteRequests.Read<OpenIncidentRequest, IncidentOpened>(request, (body, errors) => OpenIncident.Decide(Guid.CreateVersion7(), body, clock.GetUtcNow(), errors));

    // Starts the incident's stream; its view is built by the same fold as every other view. With
    // an Idempotency-Key, a retried create replays the first response instead of opening a second incident.
    [WolverinePost("/api/incidents", OperationId = "openIncident")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<(IResult, IStartStream?)> Post(
        [NotBody] WriteRequest<IncidentOpened> request, IncidentWrites writes, IDocumentSession session, IMessageBus bus, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writes);
        var opened = request.Command;
        var write = await writes.BeginAsync(request, null, session, http, opened.IncidentId, cancellationToken);
        if (write.Answer is { } answer)
        {
            return (answer, null);
        }

        var recordedAt = await write.RecordedAtAsync(null, cancellationToken);
        var state = IncidentFold.Evolve(IncidentState.Initial, new StreamEvent(opened, 1, recordedAt, session.LastModifiedBy ?? IncidentFold.Anonymous));
        var view = IncidentViewBuilder.Build(opened.IncidentId, state, ViewPoint.Current);
        var e = write.Stamp(opened, recordedAt);
        await write.RecordChangesAsync(bus, opened.IncidentId, IncidentState.Initial, [e]);
        return (write.Created(view, Location(opened.IncidentId), state.Version), MartenOps.StartStream<IncidentState>(opened.IncidentId, e));
    }
}
