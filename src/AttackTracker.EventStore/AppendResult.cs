namespace AttackTracker.EventStore;

/// <summary>The outcome of one stream's append.</summary>
/// <param name="StreamId">The stream appended to.</param>
/// <param name="Version">The stream's version after the append.</param>
/// <param name="Events">The appended events as stored.</param>
public sealed record AppendResult(Guid StreamId, long Version, IReadOnlyList<RecordedEvent> Events);

/// <summary>One stream's share of a multi-stream append.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="StreamType">The stream type, used when the append starts the stream.</param>
/// <param name="Expected">The version the stream must be at.</param>
/// <param name="Events">The events, at least one.</param>
public sealed record StreamAppend(Guid StreamId, string StreamType, ExpectedVersion Expected, IReadOnlyList<EventData> Events);
