using AttackTracker.Api.Infrastructure;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Incidents;

public sealed class IncidentWriter(EventStore.EventStore store)
{
    /// <summary>Starts the incident's stream; its view is built by the same fold as every other view.</summary>
    public async Task<IncidentView> OpenAsync(IncidentOpened opened, WriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(context);
        var result = await store.StartStreamAsync(
            opened.IncidentId, EventTypes.IncidentStream, [new EventData(opened, context.Metadata())], cancellationToken);
        var state = result.Events.Aggregate(IncidentState.Initial, IncidentProjection.Evolve);
        return IncidentViewBuilder.Build(opened.IncidentId, state, ViewPoint.Current);
    }
}
