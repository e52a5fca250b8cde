using System.Data;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Api.Store;

/// <summary>
/// Where one read request runs: a REPEATABLE READ, READ ONLY transaction on the server the read
/// pool reached (a standby, or the primary when no standby answers), and the WAL position that
/// its snapshot includes. Every query of the request sees that one snapshot.
/// </summary>
public sealed class ReadRoute(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlLogSequenceNumber position, bool standby) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>Everything committed up to this position is in the snapshot, and nothing the snapshot holds is past it.</summary>
    public NpgsqlLogSequenceNumber Position { get; } = position;

    public bool Standby { get; } = standby;

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>
/// The read-session factory's decisions (docs/operations.md, "Reads from standbys"). Writes,
/// idempotency, rebuilds, the daemon and the webhook dispatcher always use the primary's pool.
/// With ConnectionStrings:EventStoreReads set, a read request (Http/ReadRouting.cs) runs on a
/// snapshot of the read pool's server, once that server has replayed the position the client sent
/// in X-Read-After (read-your-writes); a standby that does not get there within
/// <see cref="StoreSettings.ReadAfterWait"/>, or cannot be reached, sends the read to the primary.
/// Without it, there is one database and nothing here does anything.
/// </summary>
public sealed partial class ReadSessions(StoreSettings settings, NpgsqlDataSource primary, IHttpContextAccessor accessor, ILogger<ReadSessions> logger) : IAsyncDisposable
{
    /// <summary>The read-your-writes token: a WAL position (PostgreSQL's pg_lsn text, 16/B374D848).</summary>
    public const string HeaderName = "X-Read-After";

    // The snapshot is taken by the SELECT, and the position read after it: the position is an
    // upper bound of what the snapshot holds. On the primary a commit is visible only once flushed.
    private const string OpenSql = """
        SET TRANSACTION READ ONLY;
        SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_flush_lsn() END
        """;

    private readonly NpgsqlDataSource? _reads = DataSources.ForReads(settings);

    /// <summary>Whether reads may come from elsewhere than the primary (ConnectionStrings:EventStoreReads is set).</summary>
    public bool Enabled => _reads is not null;

    /// <summary>The read pool, or null when every read goes to the primary.</summary>
    public NpgsqlDataSource? Reads => _reads;

    /// <summary>The current request's read route; null when it reads from the primary's pool.</summary>
    public ReadRoute? Current => accessor.HttpContext?.Features.Get<ReadRoute>();

    /// <summary>A command for the current read: in its route's snapshot, or on the primary's pool.</summary>
    public NpgsqlCommand CreateCommand(string sql) =>
        Current is { } route ? new NpgsqlCommand(sql, route.Connection, route.Transaction) : primary.CreateCommand(sql);

    /// <summary>
    /// A snapshot on the read pool's server at <paramref name="after"/> or later; null when the
    /// read should go to the primary: no read pool, a standby that did not replay that far in
    /// time, or a read pool that cannot be reached.
    /// </summary>
    public async Task<ReadRoute?> RouteAsync(NpgsqlLogSequenceNumber? after, CancellationToken cancellationToken)
    {
        if (_reads is null)
        {
            return null;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(settings.ReadAfterWait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await _reads.OpenConnectionAsync(cancellationToken);
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await using (var command = new NpgsqlCommand(OpenSql, connection, transaction))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    // The SET has no result set: the reader starts on the SELECT's.
                    await reader.ReadAsync(cancellationToken);
                    var standby = reader.GetBoolean(0);
                    var position = reader.GetFieldValue<NpgsqlLogSequenceNumber>(1);
                    if (after is not { } wanted || position >= wanted)
                    {
                        var route = new ReadRoute(connection, transaction, position, standby);
                        connection = null;
                        return route;
                    }
                }

                await transaction.DisposeAsync();
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogReadPoolUnavailable(logger, ex.Message);
                return null;
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return null;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>The primary's flushed WAL position: at or past every commit acknowledged or seen so far; null when it cannot be read.</summary>
    public async Task<NpgsqlLogSequenceNumber?> PrimaryPositionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = primary.CreateCommand("SELECT pg_current_wal_flush_lsn()");
            return (NpgsqlLogSequenceNumber?)await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            // The answer goes without X-Read-After: a read after it may come from a standby behind it.
            LogPositionUnknown(logger, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Drops every pooled connection, so that after a failover no request is handed a connection to
    /// the server that was the primary (dead, or back as a standby).
    /// </summary>
    public void ClearPools()
    {
        primary.Clear();
        _reads?.Clear();
    }

    public ValueTask DisposeAsync() => _reads?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The primary did not tell its WAL position ({Reason}); the answer has no X-Read-After")]
    private static partial void LogPositionUnknown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The read pool is unavailable ({Reason}); reading from the primary")]
    private static partial void LogReadPoolUnavailable(ILogger logger, string reason);
}
