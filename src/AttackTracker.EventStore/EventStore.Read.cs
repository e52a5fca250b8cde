using System.Runtime.CompilerServices;
using Npgsql;

namespace AttackTracker.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Reads a stream in version order, from <paramref name="fromVersion"/> up to <paramref name="toVersion"/>
    /// and to events recorded at or before <paramref name="recordedAsOf"/>.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        Guid streamId,
        long fromVersion = 1,
        long? toVersion = null,
        DateTimeOffset? recordedAsOf = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(_sql.ReadStream);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toVersion ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAsOf ?? DateTimeOffset.MaxValue });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEvent(reader);
        }
    }

    /// <summary>The stream's version and timestamps without reading its events; null when it does not exist.</summary>
    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadStreamStateAsync(connection, null, _sql.StreamState, streamId, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<StreamState?> ReadStreamStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid streamId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StreamState(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5))
            : null;
    }
}
