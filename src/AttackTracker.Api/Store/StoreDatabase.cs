using System.Net.Sockets;
using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>
/// The store's first connection: the database the connection string names, created when it is
/// missing and the login may create databases (CREATEDB, or a superuser such as the private
/// cluster's). Otherwise a <see cref="StoreUnavailableException"/> says in one line what is wrong
/// and what to run, instead of a driver's stack trace.
/// </summary>
public static partial class StoreDatabase
{
    public static async Task EnsureAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? target.Username ?? "postgres";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: created below when the login may.
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException)
        {
            throw new StoreUnavailableException(
                $"Cannot reach PostgreSQL at {target.Host}:{target.Port} ({ex.InnerException.Message}). Start it, or set ConnectionStrings__EventStore to a server that runs (README, \"Another PostgreSQL\").", ex);
        }

        var createdb = $"createdb -h {target.Host} -p {target.Port} -O {target.Username} {database}";
        foreach (var maintenance in new[] { "postgres", "template1" })
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = maintenance, Pooling = false };
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                LogCreated(logger, database, target.Host ?? "localhost", target.Port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return; // another process made it meanwhile
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new StoreUnavailableException(
                    $"The database \"{database}\" does not exist, and the login {target.Username} may not create it. Ask for it to be created, then start again: {createdb} (as a role with CREATEDB).", ex);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                // No maintenance database to connect to, or not this login there: try the next.
            }
        }

        throw new StoreUnavailableException(
            $"The database \"{database}\" does not exist, and no maintenance database (postgres, template1) let the login {target.Username} create it. Create it, then start again: {createdb}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database {Database} did not exist on {Host}:{Port}: created it")]
    private static partial void LogCreated(ILogger logger, string database, string host, int port);
}

/// <summary>The store cannot be used at all, for a reason the message states in one line.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
