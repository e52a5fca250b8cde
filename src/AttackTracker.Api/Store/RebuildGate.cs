using Marten;
using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>
/// Keeps writers out while the projections are rebuilt. Every write takes the shared side of one
/// advisory lock per schema at the start of its transaction, before it loads any document
/// (<see cref="PassAsync"/>, the first step of every write endpoint); a rebuild takes the
/// exclusive side on a connection of its own, so it starts once the writes in flight have
/// committed, and new writes wait until it is done. Without it a write could load an incident's
/// state that the rebuild has torn down or not yet brought up to date, and its inline projection
/// would store that state with the new events folded onto it.
/// </summary>
public sealed class RebuildGate : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _schema;

    private RebuildGate(NpgsqlConnection connection, string schema)
    {
        _connection = connection;
        _schema = schema;
    }

    public static string LockName(string schema) => $"attacktracker:writes:{schema}";

    /// <summary>
    /// Begins the write's transaction and takes the shared side of the gate in it: waits while a
    /// rebuild runs, and keeps one from starting until this transaction ends.
    /// </summary>
    public static async Task PassAsync(IDocumentSession session, StoreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(settings.Schema) });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
    }

    /// <summary>Waits for the writes in flight, then holds new ones back until disposed.</summary>
    public static async Task<RebuildGate> CloseAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 0))", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(schema) });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new RebuildGate(connection, schema);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Explicitly: a pooled connection is only reset (DISCARD ALL) when it is next used.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", _connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(_schema) });
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
