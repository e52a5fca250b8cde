using System.Net.Sockets;
using Npgsql;

namespace AttackTracker.Api.Store;

/// <summary>Which failures of the database are an outage (answered 503, retried), not a fault.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// Npgsql's words when every host of a multi-host string answered but none has the role asked
    /// for (no primary during a failover's window), with no inner exception to tell it by.
    /// </summary>
    public const string NoSuitableHost = "No suitable host was found.";

    /// <summary>
    /// An outage or a failover: the server is away, restarting or refusing connections; none of a
    /// multi-host connection string's servers is (yet) the primary ("No suitable host was found",
    /// with each host's failure inside); or a pooled connection still reaches a server that is no
    /// longer the primary (25006, a write refused in a read-only transaction).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.ReadOnlySqlTransaction,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException or AggregateException
            || npgsql.Message == NoSuitableHost,
        SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
