namespace AttackTracker.Api.Corrections;

public sealed record CorrectionRecorded(Guid IncidentId, Guid EventId, long Version, object Correction)
{
    public string Location => $"/api/incidents/{IncidentId}/events?fromVersion={Version}&limit=1";
}
