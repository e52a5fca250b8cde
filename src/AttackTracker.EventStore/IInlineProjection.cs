namespace AttackTracker.EventStore;

/// <summary>
/// A projection updated in the same transaction as the events it reads: when the append
/// commits, so does the projection, and a failing projection rolls the append back.
/// Applying the same events twice must do no harm (the projection compares versions).
/// </summary>
public interface IInlineProjection
{
    /// <summary>Applies events appended in <paramref name="transaction"/>, in stream order.</summary>
    Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}
