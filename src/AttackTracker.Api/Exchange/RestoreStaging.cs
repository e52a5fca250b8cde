using AttackTracker.Api.Store;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// Where a restore writes before the target sees anything: a schema of its own beside the target
/// (<c>&lt;schema&gt;_restore</c>) with the target's event tables and the chain's trigger. Each
/// archived transaction is written as one transaction there, so the trigger links and checks every
/// event as it did the first time. At the end one transaction moves everything into the empty
/// target, or nothing: a refused or interrupted restore leaves the target as empty as it was, and a
/// later restore drops what an interrupted one left here. It works as the schema's owner, who alone
/// may create a schema and set the target's sequence.
/// </summary>
public sealed class RestoreStaging : IAsyncDisposable
{
    private readonly NpgsqlDataSource _owner;
    private readonly NpgsqlConnection _connection;
    private readonly string _target;
    private readonly string _staging;
    private NpgsqlTransaction? _transaction;
    private string? _tx;
    private long _seq;

    private RestoreStaging(NpgsqlDataSource owner, NpgsqlConnection connection, string schema)
    {
        _owner = owner;
        _connection = connection;
        _target = Quote(schema);
        _staging = Quote(schema[..Math.Min(schema.Length, 54)] + "_restore");
    }

    /// <summary>Takes the target's restore lock (one restore at a time) and creates the staging schema afresh.</summary>
    public static async Task<RestoreStaging> OpenAsync(StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var owner = DataSources.ForOwner(settings);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await owner.OpenConnectionAsync(cancellationToken);
            var staging = new RestoreStaging(owner, connection, settings.Schema);
            if (await staging.ScalarAsync("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", cancellationToken, "attacktracker:restore:" + settings.Schema) is not true)
            {
                throw new ArchiveException(0, "another restore into this schema is running.");
            }

            await staging.ExecuteAsync($"""
                DROP SCHEMA IF EXISTS {staging._staging} CASCADE;
                CREATE SCHEMA {staging._staging};
                CREATE TABLE {staging._staging}.mt_streams (LIKE {staging._target}.mt_streams INCLUDING ALL);
                CREATE TABLE {staging._staging}.mt_events (LIKE {staging._target}.mt_events INCLUDING ALL);
                {ChainSql().Replace("__schema__", staging._staging, StringComparison.Ordinal)}
                """, cancellationToken);
            return staging;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await owner.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes one event, in the transaction of its archived transaction, and returns the link the
    /// trigger computed for it.
    /// </summary>
    public async Task<string?> WriteAsync(ArchivedEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Tx != _tx)
        {
            await CommitAsync(cancellationToken);
            _transaction = await _connection.BeginTransactionAsync(cancellationToken);
            _tx = e.Tx;
        }

        await using var batch = new NpgsqlBatch(_connection, _transaction);
        var stream = new NpgsqlBatchCommand($"""
            INSERT INTO {_staging}.mt_streams (id, type, version, timestamp, created, tenant_id) VALUES ($1, $2, $3, $4, $4, $5)
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, timestamp = EXCLUDED.timestamp
            """);
        stream.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        stream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StreamType });
        stream.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
        stream.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.RecordedAt });
        stream.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ArchiveLines.DefaultTenant });
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO {_staging}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
            """);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ++_seq });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.Id });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
        insert.Parameters.Add(Text(e.Data));
        insert.Parameters.Add(Text(e.Type));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.RecordedAt });
        insert.Parameters.Add(Text(ArchiveLines.DefaultTenant));
        insert.Parameters.Add(Text(e.DotnetType));
        insert.Parameters.Add(Text(e.CorrelationId));
        insert.Parameters.Add(Text(e.CausationId));
        insert.Parameters.Add(Text(e.Headers));
        insert.Parameters.Add(Text(e.UserName));
        var link = new NpgsqlBatchCommand($"SELECT encode(hash, 'hex') FROM {_staging}.event_hashes WHERE stream_id = $1 AND version = $2");
        link.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.StreamId });
        link.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Version });
        batch.BatchCommands.Add(stream);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(link);
        return (string?)await batch.ExecuteScalarAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is { } transaction)
        {
            _transaction = null;
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Moves the staged events, their links and streams into the target in one transaction, checks
    /// every chain there and runs <paramref name="check"/> in the same transaction: any failure
    /// rolls it all back. The links move as the trigger wrote them (with the staging transactions'
    /// ids), so the trigger is off for the move; the sequence continues after the last event.
    /// </summary>
    public async Task<int> MoveToTargetAsync(
        IReadOnlyCollection<Guid> streams, Func<NpgsqlTransaction, CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(check);
        await CommitAsync(cancellationToken);
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        _transaction = transaction;
        try
        {
            await ExecuteAsync($"LOCK TABLE {_target}.mt_streams, {_target}.mt_events IN EXCLUSIVE MODE", cancellationToken);
            if (await ScalarAsync($"SELECT EXISTS (SELECT 1 FROM {_target}.mt_streams)", cancellationToken) is true)
            {
                throw new ArchiveException(0, "the database received streams while the archive was restored; nothing was restored.");
            }

            var offset = (long)(await ScalarAsync($"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {_target}.mt_events_sequence", cancellationToken))!;
            await ExecuteAsync($"""
                ALTER TABLE {_target}.mt_events DISABLE TRIGGER link_event;
                INSERT INTO {_target}.mt_streams (id, type, version, timestamp, created, tenant_id)
                    SELECT id, type, version, timestamp, created, tenant_id FROM {_staging}.mt_streams;
                INSERT INTO {_target}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name)
                    SELECT seq_id + {offset}, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name
                    FROM {_staging}.mt_events ORDER BY seq_id;
                INSERT INTO {_target}.event_hashes (stream_id, version, seq_id, tx_id, recorded_at, hash)
                    SELECT stream_id, version, seq_id + {offset}, tx_id, recorded_at, hash FROM {_staging}.event_hashes;
                ALTER TABLE {_target}.mt_events ENABLE TRIGGER link_event;
                SELECT setval('{_target}.mt_events_sequence', {offset} + max(seq_id)) FROM {_staging}.mt_events HAVING count(*) > 0;
                """, cancellationToken);
            var verified = 0;
            foreach (var stream in streams)
            {
                if (await ScalarAsync($"SELECT o_problem FROM {_target}.verify_stream($1)", cancellationToken, stream) is string problem)
                {
                    throw new ArchiveException(0, $"stream {stream} does not verify after the restore: {problem}.");
                }

                verified++;
            }

            await check(transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return verified;
        }
        finally
        {
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is { } transaction)
            {
                _transaction = null;
                await transaction.DisposeAsync();
            }

            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync($"DROP SCHEMA IF EXISTS {_staging} CASCADE", CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // Dropped by the next restore; the target is untouched either way.
        }
        finally
        {
            await _connection.DisposeAsync();
            await _owner.DisposeAsync();
        }
    }

    /// <summary>The hash chain's table, function and trigger (Store/Sql/0002), as the target has them.</summary>
    private static string ChainSql()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("_recording_axis_and_hash_chain.sql", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
