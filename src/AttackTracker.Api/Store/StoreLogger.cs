using System.Data.Common;
using Marten;
using Marten.Services;
using Npgsql;
using Weasel.Core.Migrations;

namespace AttackTracker.Api.Store;

/// <summary>
/// Marten's logging, with expected failures kept out of the Error level. Marten logs every failed
/// command at Error with its SQL and parameters; a writer that loses an optimistic race (23505 on
/// a stream's version, or MT003 from the quick append's version check), a request the client abandoned, or a database that is away would otherwise
/// put a stack trace in the log for every occurrence (about 40 lines a conflict, ../shared/MARTEN.md
/// §8). Those are answered to the client (409, 503) and logged once by the exception handler. Other
/// failures are errors, logged with the SQL but never with parameter values, which hold reported data.
/// </summary>
public sealed partial class StoreLogger(ILogger<StoreLogger> logger) : IMartenLogger, IMartenSessionLogger, IMigrationLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    // Weasel writes these to the console by default, which would mix them into a command's output.
    public void SchemaChange(string sql) => LogSchemaChange(logger, sql);

    public void OnFailure(DbCommand command, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(command);
        LogFailedCommand(logger, ex, command.CommandText);
    }

    public void DestructiveChange(string description) => LogDestructiveChange(logger, description);

    public void WithheldDrop(string description) => LogWithheldDrop(logger, description);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(command);
        Failed(ex, command.CommandText);
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Failed(ex, string.Join(Environment.NewLine, batch.BatchCommands.Select(static (NpgsqlBatchCommand c) => c.CommandText)));
    }

    public void LogFailure(Exception ex, string message) => Failed(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    /// <summary>Raised by Marten's mt_quick_append_events when a stream is not at the version an append expects.</summary>
    public const string StreamVersionMismatch = "MT003";

    /// <summary>Failures that the write path expects and answers itself.</summary>
    public static bool IsExpected(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.QueryCanceled or StreamVersionMismatch
            || DatabaseFailures.IsUnavailable(pg),
        OperationCanceledException => true,
        _ => DatabaseFailures.IsUnavailable(exception) || (exception.InnerException is { } inner && IsExpected(inner)),
    };

    private void Failed(Exception exception, string sql)
    {
        if (IsExpected(exception))
        {
            LogExpectedFailure(logger, exception);
        }
        else
        {
            LogFailedCommand(logger, exception, sql);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schema change: {Sql}")]
    private static partial void LogSchemaChange(ILogger logger, string sql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema migration drops and recreates: {Description}")]
    private static partial void LogDestructiveChange(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migration leaves in place: {Description}")]
    private static partial void LogWithheldDrop(ILogger logger, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A store command failed as the write path expects; the caller answers it")]
    private static partial void LogExpectedFailure(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A store command failed: {Sql}")]
    private static partial void LogFailedCommand(ILogger logger, Exception exception, string sql);
}
