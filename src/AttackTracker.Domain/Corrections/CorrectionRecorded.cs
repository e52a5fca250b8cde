using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Corrections;

/// <summary>What a retraction or an adjudication answers: the correction's event and the incident's new version.</summary>
public sealed record CorrectionRecorded(Guid IncidentId, Guid EventId, long Version, object Correction)
{
    public string Location => $"/api/incidents/{IncidentId}/events?fromVersion={Version}&limit=1";

    /// <summary>The write of a decided correction: one event after the incident's version, or the decision's refusal.</summary>
    public static Decision<CorrectionRecorded> Of(CorrectionDecision decision, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(context);
        if (!decision.Errors.IsEmpty)
        {
            return Decision.Refuse<CorrectionRecorded>(decision.Errors);
        }

        if (decision.Conflict is { } conflict)
        {
            return Decision.Conflicts<CorrectionRecorded>(conflict);
        }

        var recorded = new CorrectionRecorded(context.Incident.Id, context.NewId(), context.Incident.Version + 1, decision.Event!);
        return Decision.Accept(recorded, [new NewEvent(decision.Event!, recorded.EventId)]);
    }
}
