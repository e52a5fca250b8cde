using AttackTracker.Api.Store;
using AttackTracker.Domain.Exchange;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// Runs queued import jobs on this node, one at a time, and takes up a job whose node stopped
/// mid-run (its advisory lock is free again) from the last line its batches committed: a restart
/// resumes an interrupted job by itself. Every node runs one; a job is run by one node at a time.
/// </summary>
public sealed partial class ImportJobRunner(
    ImportJobs jobs, ImportRun run, MissingRows missing, NpgsqlDataSource dataSource, ILogger<ImportJobRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A job was queued on this node: look now rather than at the next poll.</summary>
    public void Wake() => _wake.Release();

    /// <summary>
    /// Runs one job to its end on this caller (a small upload answered at once), if no runner holds
    /// it; its outcome as the rows it wrote and refused.
    /// </summary>
    public async Task<(ImportRunResult Result, List<ImportedRow> Written, List<GtdRowError> Refused, MissingRowsResult Withdrawn)?> RunNowAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await jobs.TryClaimAsync(connection, id, cancellationToken) is not { } job)
        {
            return null;
        }

        var observer = new JobObserver(jobs, job.Id, keepRows: true);
        var result = await RunAsync(connection, job, observer, cancellationToken);
        return (result, observer.Written, observer.Refused, observer.Withdrawn);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                while (await jobs.TryClaimAsync(connection, null, stoppingToken) is { } job)
                {
                    await RunAsync(connection, job, new JobObserver(jobs, job.Id, keepRows: false), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                // The database is away: the job stays running and is taken up again when it is back.
                LogUnavailable(logger, ex.Message);
            }

            try
            {
                await _wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<ImportRunResult> RunAsync(NpgsqlConnection connection, ClaimedJob job, JobObserver observer, CancellationToken cancellationToken)
    {
        LogStarted(logger, job.Id, job.Request.Source, job.Committed.Count);
        try
        {
            var origin = new WriteOrigin(job.SubmittedBy, $"import:{job.Request.Source} {job.Request.Release}", $"import-job:{job.Id}");
            var result = await run.RunAsync(() => jobs.Open(job.Id), job.Request, origin, job.Committed, observer, cancellationToken);
            if (result.Refused.Count > 0)
            {
                await jobs.FinishAsync(job.Id, ImportJobs.Failed, $"{result.Counts.Rejected} rows were refused in mode all; nothing was written.", result.Refused);
                observer.Refused.AddRange(result.Refused);
            }
            else if (result.Finished)
            {
                // Before the job finishes, which lets go of the spooled file the withdrawal reads again.
                var withdrawn = await missing.WithdrawAsync(() => jobs.Open(job.Id), job.Request, origin, cancellationToken);
                await jobs.RecordWithdrawnAsync(job.Id, withdrawn.Withdrawn, cancellationToken);
                observer.Withdrawn = withdrawn;
                await jobs.FinishAsync(job.Id, ImportJobs.Completed, withdrawn.NotDone);
            }

            LogEnded(logger, job.Id, result.Counts.RowsRead, result.Counts.Imported, result.Counts.Rejected);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsUnavailable(ex))
        {
            LogFailed(logger, ex, job.Id);
            await jobs.FinishAsync(job.Id, ImportJobs.Failed, $"The import stopped: {ex.Message} Rows committed before it stay; import the file again to complete it.");
            return new ImportRunResult(ImportCounts.Zero, false, []);
        }
        finally
        {
            await ReleaseAsync(connection, job.Id);
        }
    }

    private static async Task ReleaseAsync(NpgsqlConnection connection, Guid id)
    {
        try
        {
            await ImportJobs.ReleaseAsync(connection, id);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and the lock with it.
        }
    }

    private static bool IsUnavailable(Exception ex) => Store.DatabaseFailures.IsUnavailable(ex);

    /// <summary>Commits a job's progress with each batch, and stops the run when the job was cancelled.</summary>
    private sealed class JobObserver(ImportJobs jobs, Guid id, bool keepRows) : IImportObserver
    {
        public List<ImportedRow> Written { get; } = [];

        public List<GtdRowError> Refused { get; } = [];

        private readonly Lock _lock = new();

        public MissingRowsResult Withdrawn { get; set; } = MissingRowsResult.None;

        public void Committing(IDocumentSession session, ImportCounts delta, LineRange lines, IReadOnlyList<GtdRowError> rejected) =>
            jobs.QueueProgress(session, id, delta, lines, rejected);

        public async ValueTask<bool> CommittedAsync(ImportCounts total, IReadOnlyList<ImportedRow> written, IReadOnlyList<GtdRowError> rejected, CancellationToken cancellationToken)
        {
            if (keepRows)
            {
                lock (_lock)
                {
                    Written.AddRange(written);
                    Refused.AddRange(rejected);
                }
            }

            return await jobs.StateAsync(id, cancellationToken) == ImportJobs.Running;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import job {Job} ({Source}) started, {Batches} batches committed before")]
    private static partial void LogStarted(ILogger logger, Guid job, string source, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import job {Job} stopped: {Rows} rows read, {Imported} imported, {Rejected} rejected")]
    private static partial void LogEnded(ILogger logger, Guid job, long rows, long imported, long rejected);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import job {Job} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import jobs wait for the database: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
