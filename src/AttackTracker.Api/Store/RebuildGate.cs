using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>
/// Keeps writers out while the projections are rebuilt. Every write takes the shared side of one
/// advisory lock per schema at the start of its transaction, before it loads any document
/// (<see cref="Pass"/>, the first statement of every write); a rebuild takes the
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
    /// The shared side of the gate, the first statement of every write's load batch
    /// (<see cref="WriteUnit"/>): waits while a rebuild runs, and keeps one from starting until the
    /// write's transaction ends.
    /// </summary>
    internal static WriteStatement<bool> Pass(string schema) =>
        WriteStatements.Execute("SELECT pg_advisory_xact_lock_shared(hashtextextended(^, 0))", LockName(schema));

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
