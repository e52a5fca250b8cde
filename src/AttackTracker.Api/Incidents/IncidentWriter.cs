using AttackTracker.Api.Infrastructure;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Incidents;

public sealed class IncidentWriter(EventStore.EventStore store, IncidentWrites writes)
{
    public static string Location(IncidentView view) => $"/api/incidents/{view.Id}";

    /// <summary>
    /// Starts the incident's stream; its view is built by the same fold as every other view. With
    /// an Idempotency-Key, a retried create replays the first response instead of opening a second incident.
    /// </summary>
    public async Task<WriteOutcome<IncidentView>> OpenAsync(
        IncidentOpened opened, WriteContext context, IdempotencyRequest? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(context);
        await using var transaction = await store.BeginTransactionAsync(cancellationToken);
        if (await writes.ClaimAsync<IncidentView>(transaction, key, cancellationToken) is { } answered)
        {
            return answered;
        }

        var result = await transaction.AppendAsync(
            new StreamAppend(opened.IncidentId, EventTypes.IncidentStream, ExpectedVersion.NoStream, [new EventData(opened, context.Metadata())]),
            cancellationToken);
        var state = result.Events.Aggregate(IncidentState.Initial, IncidentProjection.Evolve);
        var view = IncidentViewBuilder.Build(opened.IncidentId, state, ViewPoint.Current);
        await writes.CompleteAsync(transaction, key, view, Location(view), result.Version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome<IncidentView>.Done(view, result.Version);
    }
}
