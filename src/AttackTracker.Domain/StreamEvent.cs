namespace AttackTracker.Domain;

/// <summary>
/// An event as its stream recorded it: the data, its version in the stream, when it was recorded
/// and by whom. Every event of one commit shares one recorded time, and within a stream that time
/// grows from commit to commit, so equal times mark one commit.
/// </summary>
public sealed record StreamEvent(object Data, long Version, DateTimeOffset RecordedAt, string RecordedBy, string? CorrelationId = null);
