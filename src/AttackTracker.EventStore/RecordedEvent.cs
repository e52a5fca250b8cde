namespace AttackTracker.EventStore;

/// <summary>An event as stored.</summary>
/// <param name="Position">Global position (the events table's seq_id).</param>
/// <param name="EventId">The event's id.</param>
/// <param name="StreamId">The stream it belongs to.</param>
/// <param name="Version">Its version within the stream, from 1, without gaps.</param>
/// <param name="TypeName">The stable stored type name.</param>
/// <param name="Data">The deserialized event (after upcasting).</param>
/// <param name="Metadata">Correlation, causation, recorder and headers.</param>
/// <param name="RecordedAt">When the database recorded it.</param>
/// <param name="TransactionId">The id of the transaction that wrote it (xid8).</param>
public sealed record RecordedEvent(
    long Position,
    Guid EventId,
    Guid StreamId,
    long Version,
    string TypeName,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    ulong TransactionId);
