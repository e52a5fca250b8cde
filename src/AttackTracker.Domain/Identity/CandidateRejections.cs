using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Identity;

/// <summary>The body of POST /api/incidents/{id}/candidates/{otherId}/rejections.</summary>
public sealed record CandidateRejectionRequest(string? Reason);

/// <summary>Reject <see cref="OtherId"/> as a duplicate of the incident the write is for.</summary>
public sealed record RejectCandidate(Guid OtherId, string Reason);

/// <summary>The answer to a rejection: the event that records it and the version it made.</summary>
public sealed record CandidateRejectionRecorded(Guid IncidentId, Guid OtherId, Guid EventId, long Version);

public static class CandidateRejections
{
    public static RejectCandidate? Validate(Guid incidentId, Guid otherId, CandidateRejectionRequest body, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        if (otherId == incidentId)
        {
            errors.Add("otherId", "must be another incident: an incident is not a candidate duplicate of itself.");
        }

        var reason = errors.Text("reason", body.Reason, Limits.TextLength, required: true, multiline: true);
        return errors.IsEmpty ? new RejectCandidate(otherId, reason!) : null;
    }

    /// <summary>One event on the incident's stream; a pair this stream already rejected is a conflict, with nothing written.</summary>
    public static Decision<CandidateRejectionRecorded> Decide(RejectCandidate command, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Incident.RejectedCandidates.Exists(r => r.OtherId == command.OtherId))
        {
            return Decision.Conflicts<CandidateRejectionRecorded>($"Incident {command.OtherId} was already rejected as a duplicate of incident {context.Incident.Id}.");
        }

        var recorded = new CandidateRejectionRecorded(context.Incident.Id, command.OtherId, context.NewId(), context.Incident.Version + 1);
        return Decision.Accept(recorded, [new NewEvent(new CandidateRejected(command.OtherId, command.Reason), recorded.EventId)]);
    }
}
