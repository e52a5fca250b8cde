using System.Text.Json;
using AttackTracker.Api.Infrastructure;
using AttackTracker.EventStore;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Incidents;

public sealed class IncidentWriter(EventStore.EventStore store, IdempotencyKeys idempotency)
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
        if (key is not null)
        {
            switch (await idempotency.ClaimAsync(transaction, key.Key, key.Fingerprint, cancellationToken))
            {
                case IdempotencyClaim.Replay replay:
                    return new WriteOutcome<IncidentView>.Replayed(replay.Response);
                case IdempotencyClaim.Mismatch:
                    return new WriteOutcome<IncidentView>.KeyReused();
            }
        }

        var result = await transaction.AppendAsync(
            new StreamAppend(opened.IncidentId, EventTypes.IncidentStream, ExpectedVersion.NoStream, [new EventData(opened, context.Metadata())]),
            cancellationToken);
        var state = result.Events.Aggregate(IncidentState.Initial, IncidentProjection.Evolve);
        var view = IncidentViewBuilder.Build(opened.IncidentId, state, ViewPoint.Current);
        if (key is not null)
        {
            await idempotency.CompleteAsync(
                transaction,
                key.Key,
                new StoredResponse(StatusCodes.Status201Created, JsonSerializer.Serialize(view, IncidentJson.Options), Location(view), ETags.For(result.Version)),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome<IncidentView>.Done(view, result.Version);
    }
}
