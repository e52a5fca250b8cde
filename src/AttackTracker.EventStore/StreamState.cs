namespace AttackTracker.EventStore;

/// <summary>A stream's row, read without its events.</summary>
/// <param name="Id">The stream id.</param>
/// <param name="Type">The stream type given when it started.</param>
/// <param name="Version">The version of its last event.</param>
/// <param name="CreatedAt">When its first event was recorded.</param>
/// <param name="UpdatedAt">When its last event was recorded.</param>
/// <param name="Archived">Archived streams accept no more events.</param>
public sealed record StreamState(Guid Id, string Type, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Archived);
