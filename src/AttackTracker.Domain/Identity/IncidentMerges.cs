using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Writes;

namespace AttackTracker.Domain.Identity;

/// <summary>The body of POST /api/incidents/{id}/merges and POST /api/incidents/{id}/unmerges.</summary>
public sealed record MergeRequest(Guid? Absorbed, string? Reason);

/// <summary>Merge <see cref="Absorbed"/> into the incident the write is for (the survivor); or, with <see cref="Undo"/>, unmerge it.</summary>
public sealed record MergeIncidents(Guid Absorbed, string Reason, bool Undo);

/// <summary>The answer to a merge or an unmerge: the events that record it on both streams and the versions they made.</summary>
public sealed record MergeRecorded(Guid SurvivorId, Guid AbsorbedId, Guid EventId, long Version, Guid AbsorbedEventId, long AbsorbedVersion);

/// <summary>
/// An editor's merges of two incidents that are one attack, and their undoing (docs/identity.md):
/// one event on each stream, in one commit. Refused with nothing written: the incident itself
/// (400), an incident already merged into another, or one that has others merged into it (409,
/// naming the survivor: a merge names the end of the chain, never a link of it, so no cycle forms).
/// </summary>
public static class IncidentMerges
{
    public static MergeIncidents? Validate(Guid survivorId, MergeRequest body, bool undo, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        if (body.Absorbed is not { } absorbed || absorbed == Guid.Empty)
        {
            errors.Add("absorbed", "is required: the id of the incident merged into this one.");
        }
        else if (absorbed == survivorId)
        {
            errors.Add("absorbed", "must be another incident: an incident is not merged into itself.");
        }

        var reason = errors.Text("reason", body.Reason, Limits.TextLength, required: true, multiline: true);
        return errors.IsEmpty ? new MergeIncidents(body.Absorbed!.Value, reason!, undo) : null;
    }

    public static Decision<MergeRecorded> Decide(MergeIncidents command, WriteContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var survivor = context.Incident;
        if (context.Others?.GetValueOrDefault(command.Absorbed) is not { } absorbed)
        {
            throw new ArgumentException("The write did not load the absorbed incident.", nameof(context));
        }

        if (Refusal(command, survivor, absorbed) is { } refusal)
        {
            return Decision.Conflicts<MergeRecorded>(refusal);
        }

        var recorded = new MergeRecorded(survivor.Id, command.Absorbed, context.NewId(), survivor.Version + 1, context.NewId(), absorbed.Version + 1);
        object here = command.Undo ? new IncidentUnmerged(command.Absorbed, command.Reason) : new IncidentMerged(command.Absorbed, command.Reason);
        object there = command.Undo ? new IncidentRestored(survivor.Id, command.Reason) : new IncidentAbsorbed(survivor.Id, command.Reason);
        return Decision.Accept(recorded, [new NewEvent(here, recorded.EventId)]) with
        {
            Joined = new Dictionary<Guid, IReadOnlyList<NewEvent>> { [command.Absorbed] = [new NewEvent(there, recorded.AbsorbedEventId)] },
        };
    }

    private static string? Refusal(MergeIncidents command, IncidentState survivor, IncidentState absorbed)
    {
        if (command.Undo)
        {
            return survivor.Absorbed.Exists(a => a.OtherId == command.Absorbed)
                ? null
                : $"Incident {command.Absorbed} is not merged into incident {survivor.Id}: there is nothing to unmerge.";
        }

        if (survivor.MergedInto is { } chain)
        {
            return chain.OtherId == command.Absorbed
                ? $"Incident {survivor.Id} is merged into incident {command.Absorbed}: merging that one into it would make a cycle."
                : $"Incident {survivor.Id} is merged into incident {chain.OtherId}: merge into that one instead.";
        }

        if (absorbed.MergedInto is { } taken)
        {
            return taken.OtherId == survivor.Id
                ? $"Incident {command.Absorbed} is already merged into incident {survivor.Id}."
                : $"Incident {command.Absorbed} is already merged into incident {taken.OtherId}: merge that one instead.";
        }

        return absorbed.Absorbed.IsEmpty
            ? null
            : $"Incident {command.Absorbed} has incidents merged into it ({string.Join(", ", absorbed.Absorbed.Select(a => a.OtherId))}): merge this one into it instead, or unmerge them first.";
    }

    /// <summary>
    /// The survivor's state with the facts of the incidents merged into it: their reports, facts
    /// and retractions, each keeping its own report, source and recorded time. The survivor's own
    /// opening, rulings and version stay, so its ETag and rulings are its stream's.
    /// </summary>
    /// <summary>
    /// The survivor's state combined (<see cref="Combine"/>) with each incident merged into it, as
    /// that incident's stream (<paramref name="streams"/>, in version order) recorded it by the
    /// survivor's last recorded time: what the view reads (docs/identity.md), for the bulk paths
    /// that hold the absorbed incidents' events (the statistics, the listing, verify).
    /// </summary>
    public static IncidentState WithAbsorbed(IncidentState survivor, Func<Guid, IEnumerable<StreamEvent>> streams)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(streams);
        if (survivor.Absorbed.IsEmpty)
        {
            return survivor;
        }

        var by = survivor.LastRecordedAt ?? DateTimeOffset.MaxValue;
        return Combine(survivor, survivor.Absorbed.Select(m => IncidentFold.Fold(streams(m.OtherId).TakeWhile(e => e.RecordedAt <= by)) with { Id = m.OtherId }));
    }

    public static IncidentState Combine(IncidentState survivor, IEnumerable<IncidentState> absorbed)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(absorbed);
        return absorbed.Aggregate(survivor, (state, other) => state with
        {
            Reports = state.Reports.AddRange(other.Reports),
            Facts = state.Facts.AddRange(other.Facts),
            Retractions = state.Retractions.SetItems(other.Retractions),
        });
    }
}
