namespace AttackTracker.Domain.Corrections;

/// <summary>What a retraction or an adjudication answers: the correction's event and the incident's new version.</summary>
public sealed record CorrectionRecorded(Guid IncidentId, Guid EventId, long Version, object Correction)
{
    public string Location => $"/api/incidents/{IncidentId}/events?fromVersion={Version}&limit=1";
}
