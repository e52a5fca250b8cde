namespace AttackTracker.Domain.Identity;

/// <summary>
/// An editor's word that the incident and <paramref name="OtherId"/> are not the same attack, so the
/// pair is not proposed as candidate duplicates again (docs/identity.md). Who said it is the event's
/// recordedBy; why is <paramref name="Reason"/>. It is recorded on one of the two streams, and read
/// from both sides.
/// </summary>
public sealed record CandidateRejected(Guid OtherId, string Reason);
