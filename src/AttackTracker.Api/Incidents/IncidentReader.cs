using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Incidents;

/// <summary>Reads an incident's stored state, at its stream's head.</summary>
public sealed class IncidentReader(StoreSettings settings)
{
    /// <summary>Marten's name for the aggregate, in mt_streams.type, of every stream started as an incident.</summary>
    public const string StreamType = WriteUnit.IncidentStreamType;

    private readonly string _head = $"""SELECT version FROM "{settings.Schema}".mt_streams WHERE id = $1 AND type = '{StreamType}'""";

    /// <summary>The incident's stream version, or null when no incident has this id.</summary>
    public async Task<long?> VersionAsync(IQuerySession session, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (id == Guid.Empty)
        {
            return null;
        }

        await using var command = new NpgsqlCommand(_head);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
    }

    public async Task<IncidentState?> StateAsync(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await VersionAsync(session, id, cancellationToken) is { } version ? await StateAtAsync(session, id, version, cancellationToken) : null;

    /// <summary>
    /// The stored state, which the inline projection keeps at the stream's head. While a rebuild
    /// runs it may be missing or behind; then the events it lacks are folded onto it, so a reader
    /// never sees less than was committed.
    /// </summary>
    public static async Task<IncidentState> StateAtAsync(IQuerySession session, Guid id, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stored = await session.LoadAsync<IncidentState>(id, cancellationToken);
        if (stored is not null && stored.Version >= version)
        {
            return stored;
        }

        var events = await session.Events.FetchStreamAsync(id, fromVersion: (stored?.Version ?? 0) + 1, token: cancellationToken);
        return events.Fold(stored) with { Id = id };
    }
}
