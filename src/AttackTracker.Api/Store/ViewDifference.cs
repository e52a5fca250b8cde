namespace AttackTracker.Api.Store;

/// <summary>
/// A stream whose stored read model differs from a fresh fold of its events, as verify reports it
/// (Admin/ProjectionVerifier): the stream, the two versions, and what differs. Here, beside the
/// streams, because each feature that keeps a read model checks its own (Documents/DocumentAudit).
/// </summary>
public sealed record ViewDifference(Guid IncidentId, long StoredVersion, long RebuiltVersion, string Detail);
