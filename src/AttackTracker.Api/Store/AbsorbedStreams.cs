using AttackTracker.Domain;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>
/// The events of the incidents merged into others, for the paths that fold a survivor with them
/// (<see cref="IncidentMerges.WithAbsorbed"/>): the statistics and verify read them in one query,
/// the listing and the history through the session. Merges are rare, so they are read apart, only
/// for the streams that hold one.
/// </summary>
public sealed class AbsorbedStreams
{
    private readonly Dictionary<Guid, List<StreamEvent>> _streams;

    private AbsorbedStreams(Dictionary<Guid, List<StreamEvent>> streams) => _streams = streams;

    /// <summary>An absorbed incident's readable events, in version order (none when it was not read).</summary>
    public IEnumerable<StreamEvent> Events(Guid id) =>
        _streams.TryGetValue(id, out var events) ? events : [];

    /// <summary>The streams of <paramref name="ids"/> through a Marten session, as recorded by <paramref name="by"/> (null: all).</summary>
    public static async Task<AbsorbedStreams> FetchAsync(IQuerySession session, IEnumerable<Guid> ids, DateTimeOffset? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ids);
        var streams = new Dictionary<Guid, List<StreamEvent>>();
        foreach (var id in ids.Distinct())
        {
            streams[id] = [.. (await session.Events.FetchStreamAsync(id, timestamp: by, token: cancellationToken)).Select(e => e.ToStreamEvent())];
        }

        return new AbsorbedStreams(streams);
    }

    /// <summary>Whether a fold from <paramref name="start"/> over <paramref name="events"/> meets a merge: a state with incidents merged into it.</summary>
    public static bool Touches(IncidentState start, IEnumerable<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(events);
        return !start.Absorbed.IsEmpty || events.Any(e => e.Data is IncidentMerged or IncidentUnmerged);
    }

    /// <summary>
    /// Reads the streams of every incident merged into the survivors (at their start or by one of
    /// their events), up to sequence <paramref name="through"/> (null: all).
    /// </summary>
    public static async Task<AbsorbedStreams> ReadAsync(
        NpgsqlConnection connection, string schema, IEnumerable<(IncidentState Start, IReadOnlyList<StoredEvent> Events)> survivors, long? through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        var ids = survivors
            .SelectMany(s => s.Start.Absorbed.Select(a => a.OtherId).Concat(s.Events.Select(e => e.Data).OfType<IncidentMerged>().Select(m => m.Absorbed)))
            .Distinct()
            .Order()
            .ToArray();
        var streams = new Dictionary<Guid, List<StreamEvent>>();
        if (ids.Length == 0)
        {
            return new AbsorbedStreams(streams);
        }

        await using var command = StoredEvents.Command(connection, schema, ids, new long[ids.Length], through);
        await foreach (var (id, events) in StoredEvents.StreamsAsync(command, cancellationToken))
        {
            streams[id] = [.. events.Where(e => e.Data is not null).Select(e => e.ToStreamEvent())];
        }

        return new AbsorbedStreams(streams);
    }
}
