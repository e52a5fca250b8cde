using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Writes;

/// <summary>An event a decision appends: its data, the id it is stored under, and its provenance headers.</summary>
public sealed record NewEvent(object Data, Guid Id, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// What a write decides: the answer and the events to append to the incident (and, for a report
/// naming a source that is new or graded afresh, the one event for the source's stream); or why it
/// refuses, with nothing written: field errors (400) or a conflict with the record (409). A write
/// that records on two incidents (a merge) gives the other's events in <see cref="Joined"/>.
/// </summary>
public sealed record Decision<T>(T? Response, IReadOnlyList<NewEvent> Events, NewEvent? SourceEvent, ValidationErrors? Invalid, string? Conflict, IReadOnlyDictionary<Guid, IReadOnlyList<NewEvent>>? Joined = null)
    where T : class;

public static class Decision
{
    public static Decision<T> Accept<T>(T response, IReadOnlyList<NewEvent> events, NewEvent? sourceEvent = null)
        where T : class => new(response, events, sourceEvent, null, null);

    public static Decision<T> Refuse<T>(ValidationErrors errors)
        where T : class => new(null, [], null, errors, null);

    public static Decision<T> Conflicts<T>(string detail)
        where T : class => new(null, [], null, null, detail);
}

/// <summary>
/// What a write decides on, all read under the incident's lock in the write's transaction: the
/// incident's state, the source its report names (as committed when the write took the source's
/// lock), the commit's recorded time and who records it; with the request's clock and the ids to give;
/// and the texts of the stored documents the write cites, by id (those it found); and the other
/// incidents the write locked beside this one (a merge's absorbed incident), by id.
/// </summary>
public sealed record WriteContext(
    IncidentState Incident,
    SourceRef? Source,
    object? SourceChange,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    DateTimeOffset Now,
    Func<Guid> NewId,
    IReadOnlyDictionary<string, string>? Documents = null,
    IReadOnlyDictionary<Guid, IncidentState>? Others = null);
