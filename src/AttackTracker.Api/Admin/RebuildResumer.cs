namespace AttackTracker.Api.Admin;

/// <summary>
/// At start, takes up a rebuild of the read models that a crash interrupted (its marker row is
/// there and no process holds its lock), from its last committed chunk, in the background: the
/// service answers meanwhile, writes land on each incident's state as they always do, and /health
/// reports the rebuild until it is done. The statistics need nothing of the kind: their progress is
/// committed with each range, and the daemon goes on from it.
/// </summary>
public sealed partial class RebuildResumer(ReadModelRebuild rebuild, IConfiguration configuration, ILogger<RebuildResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Rebuild:ResumeAtStart", true))
        {
            return;
        }

        try
        {
            if (await rebuild.RunAsync([], pendingOnly: true, null, stoppingToken) is { } done)
            {
                LogResumed(logger, done.Incidents, done.Events);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the marker stays, and the next start takes it up again.
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The interrupted rebuild of the read models is done: {Incidents} incidents, {Events} events")]
    private static partial void LogResumed(ILogger logger, long incidents, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "The interrupted rebuild of the read models could not be taken up; the next start tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
