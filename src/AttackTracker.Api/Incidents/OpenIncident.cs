using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain.Incidents;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Incidents;

public static class OpenIncidentEndpoint
{
    // With an Idempotency-Key, a retried create replays the first response instead of opening a second incident.
    public static readonly IncidentWrite<OpenIncidentRequest, IncidentOpened, IncidentView> Write = new(
        Validate: (_, body, now, errors) => OpenIncidentDecision.Decide(Guid.CreateVersion7(), body, now, errors),
        Decide: OpenIncidentDecision.Decide,
        Location: view => Location(view.Id),
        Opens: opened => opened.IncidentId);

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.DescribedAsWrite<OpenIncidentRequest, IncidentView>()
            .WithTags("Incidents")
            .WithSummary("Opens an incident: its stream starts with IncidentOpened.");
    }

    public static string Location(Guid incidentId) => $"/api/incidents/{incidentId}";

    [WolverinePost("/api/incidents", OperationId = "openIncident")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static Task<IResult> Post(HttpContext http, IncidentWrites writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.HandleAsync(http, Guid.Empty, Write);
    }
}
