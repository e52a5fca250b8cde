namespace AttackTracker.EventStore;

/// <summary>A state folded from a stream.</summary>
/// <param name="State">The folded state.</param>
/// <param name="Version">The version of the last event folded; 0 when none was.</param>
/// <param name="LastRecordedAt">When the last folded event was recorded.</param>
public sealed record StreamAggregate<TState>(TState State, long Version, DateTimeOffset? LastRecordedAt);

public sealed partial class EventStore
{
    /// <summary>
    /// Folds a stream with a pure <paramref name="evolve"/> function, up to a version and/or a
    /// recorded time. Events are folded as they are read, never all held in memory.
    /// </summary>
    public async Task<StreamAggregate<TState>> AggregateStreamAsync<TState>(
        Guid streamId,
        TState initial,
        Func<TState, RecordedEvent, TState> evolve,
        long? toVersion = null,
        DateTimeOffset? recordedAsOf = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evolve);
        var state = initial;
        long version = 0;
        DateTimeOffset? recordedAt = null;
        await foreach (var e in ReadStreamAsync(streamId, 1, toVersion, recordedAsOf, cancellationToken).ConfigureAwait(false))
        {
            state = evolve(state, e);
            version = e.Version;
            recordedAt = e.RecordedAt;
        }

        return new StreamAggregate<TState>(state, version, recordedAt);
    }
}
