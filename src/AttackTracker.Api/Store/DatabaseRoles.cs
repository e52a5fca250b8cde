using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Store;

/// <summary>
/// A connection pool of this node and the server it reaches: <c>writes</c> (always the primary's
/// pool) and, with ConnectionStrings:EventStoreReads, <c>reads</c>. Role is <c>primary</c>,
/// <c>standby</c> or <c>unreachable</c>; a standby says how far its replay trails the primary, in
/// bytes of WAL and in seconds since the last transaction it replayed was committed.
/// </summary>
public sealed record DatabaseConnection(string Name, string Role, string? Server = null, long? ReplayLagBytes = null, double? ReplayLagSeconds = null);

/// <summary>Which server each pool reaches and its replication lag, for /health (docs/operations.md, "What to monitor").</summary>
public sealed class DatabaseRoles(NpgsqlDataSource primary, ReadSessions reads)
{
    private const string Sql = """
        SELECT pg_is_in_recovery(),
               CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_flush_lsn() END,
               extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
        """;

    /// <summary>The pools' servers. A primary that cannot be reached throws, as every other query would; a read pool that cannot is <c>unreachable</c>.</summary>
    public async Task<IReadOnlyList<DatabaseConnection>> ReadAsync(CancellationToken cancellationToken)
    {
        var writes = await ProbeAsync(primary, cancellationToken);
        var connections = new List<DatabaseConnection> { new("writes", writes.Standby ? "standby" : "primary", writes.Server) };
        if (reads.Reads is { } pool)
        {
            try
            {
                var read = await ProbeAsync(pool, cancellationToken);
                connections.Add(read.Standby
                    ? new("reads", "standby", read.Server, Lag(writes.Position, read.Position), Lag(writes.Position, read.Position) > 0 ? read.SinceLastReplay : 0)
                    : new("reads", "primary", read.Server));
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
            {
                connections.Add(new("reads", "unreachable"));
            }
        }

        return connections;
    }

    private static long Lag(NpgsqlLogSequenceNumber primary, NpgsqlLogSequenceNumber standby) =>
        (ulong)primary > (ulong)standby ? (long)((ulong)primary - (ulong)standby) : 0;

    private static async Task<(bool Standby, NpgsqlLogSequenceNumber Position, double? SinceLastReplay, string Server)> ProbeAsync(NpgsqlDataSource pool, CancellationToken cancellationToken)
    {
        await using var connection = await pool.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetFieldValue<NpgsqlLogSequenceNumber>(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), $"{connection.Host}:{connection.Port}");
    }
}
