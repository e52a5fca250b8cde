using AttackTracker.Api.Incidents;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;
using Npgsql;

namespace AttackTracker.Api.TimeTravel;

public abstract record PastState
{
    public sealed record Found(IncidentState State) : PastState;

    public sealed record NoIncident : PastState;

    public sealed record BeyondEnd(long Requested, long Current) : PastState;
}

/// <summary>
/// The incident's state at a point, from the one fold. The version and recording axes bound the
/// fold: start from the newest snapshot at or below the bound and fold at most
/// <see cref="IncidentRows.SnapshotInterval"/> - 1 events from the stream's (stream_id, version)
/// index. The publication axis does not bound the fold (a report can be entered years after it
/// appeared): it filters the state when the view is built, so the current state serves it
/// without reading any event.
/// </summary>
public sealed class IncidentTimeMachine(EventStore.EventStore store, NpgsqlDataSource dataSource, IncidentRows rows)
{
    public async Task<PastState> StateAsync(Guid id, long? version, DateTimeOffset? recordedAsOf, CancellationToken cancellationToken)
    {
        var stream = await store.FetchStreamStateAsync(id, cancellationToken);
        if (stream is null || stream.Type != EventTypes.IncidentStream)
        {
            return new PastState.NoIncident();
        }

        if (version > stream.Version)
        {
            return new PastState.BeyondEnd(version.Value, stream.Version);
        }

        // Only the publication axis was asked for: the stored state is the fold of the whole stream.
        if (version is null && recordedAsOf is null
            && await StoredStateAsync(id, cancellationToken) is { } current && current.Version == stream.Version)
        {
            return new PastState.Found(current);
        }

        var toVersion = version ?? stream.Version;
        var until = recordedAsOf ?? DateTimeOffset.MaxValue;
        var (snapshot, recordedLaterAt) = await rows.NearestSnapshotAsync(dataSource, id, toVersion, until, cancellationToken);
        var state = snapshot ?? IncidentState.Initial;
        if (recordedLaterAt is { } later)
        {
            // recorded_at grows with the version: nothing at or after a snapshot recorded past the point counts.
            toVersion = Math.Min(toVersion, later - 1);
        }

        await foreach (var e in store.ReadStreamAsync(id, state.Version + 1, toVersion, recordedAsOf, cancellationToken))
        {
            state = IncidentProjection.Evolve(state, e);
        }

        return new PastState.Found(state);
    }

    private async Task<IncidentState?> StoredStateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await rows.LoadStateAsync(connection, null, id, cancellationToken);
    }
}
