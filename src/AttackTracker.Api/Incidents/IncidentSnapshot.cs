using AttackTracker.Domain.Incidents;

namespace AttackTracker.Api.Incidents;

/// <summary>
/// The folded state at every version that is a multiple of <see cref="Interval"/>, so a view at a
/// version or a recorded time folds at most <see cref="Interval"/> - 1 events after the nearest one.
/// <see cref="RecordedAt"/> is that version's recorded time; recorded times grow with the version
/// within a stream, so "the last snapshot recorded by T" is also "the last one at or below T's version".
/// </summary>
public sealed record IncidentSnapshot(string Id, Guid IncidentId, long Version, DateTimeOffset RecordedAt, IncidentState State)
{
    public const int Interval = 100;

    public static bool IsDue(long version) => version % Interval == 0;

    public static IncidentSnapshot Of(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new IncidentSnapshot($"{state.Id:N}:{state.Version}", state.Id, state.Version, state.LastRecordedAt ?? DateTimeOffset.MinValue, state);
    }
}
