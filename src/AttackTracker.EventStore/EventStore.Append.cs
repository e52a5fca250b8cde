using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.EventStore;

public sealed partial class EventStore
{
    /// <summary>The stream type given to a stream created by an append with <see cref="ExpectedVersion.Any"/>.</summary>
    public const string DefaultStreamType = "stream";

    /// <summary>Starts a stream with its first events.</summary>
    /// <exception cref="StreamAlreadyExistsException">The stream exists.</exception>
    public Task<AppendResult> StartStreamAsync(Guid streamId, string streamType, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        AppendAsync(new StreamAppend(streamId, streamType, ExpectedVersion.NoStream, events), cancellationToken);

    /// <summary>Appends events to one stream in one round trip, checking its version first.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at <paramref name="expected"/>.</exception>
    public Task<AppendResult> AppendAsync(Guid streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        AppendAsync(new StreamAppend(streamId, DefaultStreamType, expected, events), cancellationToken);

    /// <summary>Appends events to one stream. Without inline projections this is one statement and one round trip.</summary>
    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(append);
        if (Options.InlineProjections.Count > 0)
        {
            var results = await AppendAsync([append], cancellationToken).ConfigureAwait(false);
            return results[0];
        }

        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AppendCoreAsync(connection, null, append, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends to several streams atomically: all of them, or none when any version check fails.</summary>
    public async Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        await using var transaction = await BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<AppendResult>(appends.Count);
        foreach (var append in appends)
        {
            results.Add(await transaction.AppendAsync(append, cancellationToken).ConfigureAwait(false));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>Archives a stream: it stays readable and accepts no more events.</summary>
    public async Task ArchiveStreamAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(_sql.Archive);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = streamId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async Task<AppendResult> AppendCoreAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StreamAppend append, CancellationToken cancellationToken)
    {
        var count = append.Events.Count;
        if (count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(append));
        }

        var ids = new Guid[count];
        var types = new string[count];
        var data = new string[count];
        var metadata = new string[count];
        for (var i = 0; i < count; i++)
        {
            var e = append.Events[i];
            ids[i] = e.EventId ?? Guid.CreateVersion7();
            types[i] = Options.Types.NameOf(e.Data.GetType());
            data[i] = SerializeData(e.Data);
            metadata[i] = SerializeMetadata(e.Metadata);
        }

        var expected = append.Expected;
        await using var command = new NpgsqlCommand(_sql.Append, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = append.StreamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = append.StreamType });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

        var recorded = new List<RecordedEvent>(count);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var i = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var e = append.Events[i];
                recorded.Add(new RecordedEvent(
                    reader.GetInt64(0), ids[i], append.StreamId, reader.GetInt64(1), types[i], e.Data,
                    e.Metadata ?? EventMetadata.None, reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<ulong>(3)));
                i++;
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "events_stream_version_key")
        {
            // Cannot happen through this store (the stream row lock orders writers), but a writer
            // that bypasses it must still surface as a version conflict, never a raw 23505.
            throw new WrongExpectedVersionException(append.StreamId, expected, null);
        }

        if (recorded.Count == 0)
        {
            throw await ExplainRejectedAppendAsync(connection, transaction, append, cancellationToken).ConfigureAwait(false);
        }

        return new AppendResult(append.StreamId, recorded[^1].Version, recorded);
    }

    private async Task<Exception> ExplainRejectedAppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, StreamAppend append, CancellationToken cancellationToken)
    {
        var state = await ReadStreamStateAsync(connection, transaction, _sql.StreamState, append.StreamId, cancellationToken).ConfigureAwait(false);
        if (state is { Archived: true })
        {
            return new StreamArchivedException(append.StreamId);
        }

        return state is not null && append.Expected.Value == 0
            ? new StreamAlreadyExistsException(append.StreamId, state.Version)
            : new WrongExpectedVersionException(append.StreamId, append.Expected, state?.Version);
    }
}
