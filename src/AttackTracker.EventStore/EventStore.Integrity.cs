using Npgsql;

namespace AttackTracker.EventStore;

/// <summary>The result of recomputing a stream's hash chain.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="EventsChecked">How many events, from version 1, matched their stored hash.</param>
/// <param name="FirstBrokenVersion">The first version that does not match or is missing; null when the chain is intact.</param>
/// <param name="Problem">What is wrong at that version.</param>
public sealed record StreamIntegrity(Guid StreamId, long EventsChecked, long? FirstBrokenVersion, string? Problem)
{
    /// <summary>True when every event and the stream's head match.</summary>
    public bool Intact => FirstBrokenVersion is null;
}

public sealed partial class EventStore
{
    /// <summary>
    /// Recomputes the stream's SHA-256 chain in the database and reports the first broken link:
    /// an event whose content, metadata or recorded time was changed, a missing event, or a head
    /// that no longer matches. The chain makes an edit evident; it cannot stop one by a superuser
    /// who rewrites every later hash, which is why the head can be published elsewhere.
    /// </summary>
    public async Task<StreamIntegrity> VerifyStreamAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(_sql.VerifyStream);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StreamIntegrity(
            streamId, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
