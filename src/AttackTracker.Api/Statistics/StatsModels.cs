using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Statistics;

/// <summary>How the rows of an answer are ordered: by key, or by a count, largest first (then by key).</summary>
public enum StatsSort
{
    Key,
    Incidents,
    Killed,
    Wounded,
}

/// <summary>
/// A question to the statistics: grouped by what, over which incidents, in which order, which
/// page, and at which point: on the publication axis (<see cref="AsOf"/>), on the recording axis
/// (<see cref="RecordedAsOf"/>), both, or neither (now).
/// </summary>
public sealed record StatsQuery(StatsDimension By, StatsFilter Filter, StatsSort Sort, int Page, int PageSize, DateTimeOffset? AsOf = null, DateTimeOffset? RecordedAsOf = null);

/// <summary>
/// How far the answer has caught up. <see cref="LastSequence"/> is the last event the statistics
/// had folded in when the answer was read (the rows hold at least that much), beside the store's
/// high-water mark and the last sequence number drawn; <see cref="Lag"/> is the events between.
/// An answer at a point of both axes at once is computed from the incidents' states, which are kept
/// inline with every commit, so it lags nothing.
/// </summary>
public sealed record StatsProgress(string Projection, long LastSequence, long HighWaterMark, long StoreLastSequence, long Lag, bool CaughtUp);

public sealed record StatsPage(string GroupBy, IReadOnlyList<StatsRow> Rows, int Page, int PageSize, long Total, DateTimeOffset? AsOf, StatsProgress Progress, DateTimeOffset? RecordedAsOf = null);

/// <summary>
/// A group in the list of groups: its row of the statistics, with how many of its incidents it
/// claimed and how many it was attributed. <see cref="Name"/> is the canonical name of a group an
/// editor identified (<see cref="GroupId"/>), or the most used spelling of one no group holds;
/// <see cref="Aliases"/> are its other names, seen in the record or given by an editor.
/// </summary>
public sealed record GroupSummary(
    string Slug, string Name, int Incidents, int Claimed, int Attributed, FigureSums Killed, FigureSums Wounded, int Disputed, int SingleSource, long? LastSequence,
    Guid? GroupId = null, IReadOnlyList<string>? Aliases = null);

public sealed record GroupPage(IReadOnlyList<GroupSummary> Items, int Page, int PageSize, long Total, StatsProgress Progress);

/// <summary>One incident in a group's profile: how it is tied to the group, what was claimed, and its figures.</summary>
public sealed record GroupIncident(
    Guid Id, string? Title, string? Country, DateOnly? OccurredOn, bool Claimed, bool Attributed, IReadOnlyList<GroupClaim> Claims, FigureRange? Killed, FigureRange? Wounded);

/// <summary>A group's profile and a page of its incidents; <see cref="GroupId"/> and <see cref="Aliases"/> as in <see cref="GroupSummary"/>.</summary>
public sealed record GroupProfileView(
    GroupProfile Profile, IReadOnlyList<GroupIncident> Incidents, int Page, int PageSize, long Total, StatsProgress Progress, Guid? GroupId = null, IReadOnlyList<string>? Aliases = null);
