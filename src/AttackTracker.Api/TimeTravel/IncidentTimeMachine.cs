using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using Marten;

namespace AttackTracker.Api.TimeTravel;

public abstract record PastState
{
    public sealed record Found(IncidentState State) : PastState;

    public sealed record NoIncident : PastState;

    public sealed record BeyondEnd(long Requested, long Current) : PastState;
}

/// <summary>
/// The incident's state at a point, from the one fold. The version and recording axes bound the
/// fold: start from the newest snapshot at or below the bound (<see cref="IncidentSnapshot"/>) and
/// fold at most <see cref="IncidentSnapshot.Interval"/> - 1 events read by (stream, version). The
/// publication axis does not bound the fold (a report can be entered years after it appeared): it
/// filters the state when the view is built, so the current state serves it without reading events.
/// </summary>
public sealed class IncidentTimeMachine(IncidentReader reader)
{
    public async Task<PastState> StateAsync(IQuerySession session, Guid id, long? version, DateTimeOffset? recordedAsOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (await reader.VersionAsync(session, id, cancellationToken) is not { } head)
        {
            return new PastState.NoIncident();
        }

        if (version > head)
        {
            return new PastState.BeyondEnd(version.Value, head);
        }

        if (version is null && recordedAsOf is null)
        {
            return new PastState.Found(await IncidentReader.StateAtAsync(session, id, head, cancellationToken));
        }

        var toVersion = version ?? head;
        var until = recordedAsOf ?? DateTimeOffset.MaxValue;
        var snapshot = await session.Query<IncidentSnapshot>()
            .Where(s => s.IncidentId == id && s.Version <= toVersion && s.RecordedAt <= until)
            .OrderByDescending(s => s.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (recordedAsOf is not null)
        {
            // Recorded times grow with the version: nothing at or after a snapshot recorded past the point counts.
            // Only its version (a column), not the document. Snapshots start at version 100: 0 is none.
            var later = await session.Query<IncidentSnapshot>()
                .Where(s => s.IncidentId == id && s.RecordedAt > until)
                .OrderBy(s => s.Version)
                .Select(s => s.Version)
                .FirstOrDefaultAsync(cancellationToken);
            if (later > 0)
            {
                toVersion = Math.Min(toVersion, later - 1);
            }
        }

        var from = snapshot?.State ?? IncidentState.Initial;
        if (from.Version >= toVersion)
        {
            return new PastState.Found(from);
        }

        var events = await session.Events.FetchStreamAsync(id, version: toVersion, timestamp: recordedAsOf, fromVersion: from.Version + 1, token: cancellationToken);
        return new PastState.Found(events.Fold(from));
    }

    /// <summary>
    /// The state with the facts of the incidents merged into it as that state stands
    /// (docs/identity.md): each absorbed incident as recorded by the state's last recorded time. A
    /// merge is recorded on both streams in one commit and an absorbed incident takes no writes, so
    /// that bound holds every fact it had when merged, and the answer is a function of the
    /// survivor's version (its ETag) alone. Before a merge's recorded time, or after its unmerge,
    /// the state holds no merge and is its own.
    /// </summary>
    public async Task<IncidentState> WithAbsorbedAsync(IQuerySession session, IncidentState survivor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        if (survivor.Absorbed.IsEmpty)
        {
            return survivor;
        }

        var absorbed = new List<IncidentState>();
        foreach (var merge in survivor.Absorbed)
        {
            if (await StateAsync(session, merge.OtherId, null, survivor.LastRecordedAt, cancellationToken) is PastState.Found found)
            {
                absorbed.Add(found.State);
            }
        }

        return IncidentMerges.Combine(survivor, absorbed);
    }
}
