using System.Diagnostics;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Admin;

/// <summary>What a rebuild read and how fast: events (the store's), incidents (states now stored), and each part's own rate.</summary>
public sealed record RebuildResult(
    long Events, int Incidents, long ElapsedMilliseconds, IReadOnlyList<string> Projections, double EventsPerSecond = 0, IReadOnlyList<RebuildPart>? Parts = null);

/// <summary>One part of a rebuild: the read models or the statistics, the events it folded, its time and rate.</summary>
public sealed record RebuildPart(string Part, long Events, long ElapsedMilliseconds, double EventsPerSecond);

/// <summary>The async projections run on another node (the daemon's leader), so this one cannot rebuild them.</summary>
public sealed class NotRunningHereException(string projection)
    : InvalidOperationException($"The async projection {projection} runs on another node of the service; only the node running the daemon can rebuild it.");

public sealed record ViewDifference(Guid IncidentId, long StoredVersion, long RebuiltVersion, string Detail);

/// <summary>What verify compared, what differs, and how fast it went over the store.</summary>
public sealed record VerifyResult(
    int IncidentsChecked, long EventsRead, IReadOnlyList<ViewDifference> Differences, IReadOnlyList<string>? Notes = null,
    long ElapsedMilliseconds = 0, double EventsPerSecond = 0, double IncidentsPerSecond = 0, int DocumentsChecked = 0)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Rebuilds the read models (<see cref="ReadModelRebuild"/>: the project's own path, overwriting in
/// place, resumable) and the statistics (<see cref="StatisticsRebuild"/>), side by side, and checks
/// every one of them against a fresh fold of every incident (verify, <see cref="ViewVerifier"/>).
/// docs/adr/0006 says why the rebuild is the project's own rather than Marten's.
/// </summary>
public sealed partial class ProjectionRebuilder(
    IDocumentStore store, ReadModelRebuild readModels, StatisticsRebuild statistics, ViewVerifier verifier, NpgsqlDataSource dataSource, StoreSettings settings, DaemonProgress progress, ILogger<ProjectionRebuilder> logger)
{
    /// <summary>Every inline projection, by the name Marten knows it by.</summary>
    public static readonly string[] Projections = ReadModelRebuild.Projections;

    /// <summary>Every projection kept on the daemon.</summary>
    public static readonly string[] AsyncProjections = [StatisticsSubscription.SubscriptionName];

    /// <summary>How long verify waits for the statistics to reach the last event committed when it began.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rebuilds one projection, or (null) all of them: the read models and the statistics side by
    /// side, while reads and writes go on. <paramref name="readModelProgress"/> and
    /// <paramref name="statisticsProgress"/> hear of each chunk (events done, events in all).
    /// </summary>
    /// <remarks>From the command line (<paramref name="commandLine"/>) no daemon runs in the process, and the service is expected to be stopped.</remarks>
    public async Task<RebuildResult> RebuildAsync(
        string? projection,
        CancellationToken cancellationToken,
        bool commandLine = false,
        IProgress<(long Done, long Total)>? readModelProgress = null,
        IProgress<(long Done, long Total)>? statisticsProgress = null)
    {
        var clock = Stopwatch.StartNew();
        var inline = projection is null ? Projections : Projections.Where(p => p == projection).ToArray();
        var async = projection is null ? AsyncProjections : AsyncProjections.Where(p => p == projection).ToArray();

        async Task<RebuildPart> ReadModelsAsync()
        {
            var part = Stopwatch.StartNew();
            var (events, _) = await readModels.RunAsync(inline, pendingOnly: false, readModelProgress, cancellationToken) ?? (0, 0);
            LogRebuilt(logger, RebuildRuns.ReadModels, part.ElapsedMilliseconds);
            return Part(RebuildRuns.ReadModels, events, part);
        }

        async Task<RebuildPart> StatisticsAsync()
        {
            var part = Stopwatch.StartNew();
            var target = await statistics.RunAsync(commandLine, statisticsProgress, cancellationToken);
            LogRebuilt(logger, StatisticsSubscription.SubscriptionName, part.ElapsedMilliseconds);
            return Part(RebuildRuns.Statistics, target, part);
        }

        // Side by side: the two parts read the same events, one writing documents and the other rows.
        var work = new List<Task<RebuildPart>>();
        if (async.Length > 0)
        {
            work.Add(StatisticsAsync());
        }

        if (inline.Length > 0)
        {
            work.Add(ReadModelsAsync());
        }

        var parts = await Task.WhenAll(work);
        var (events, incidents) = await CountsAsync(cancellationToken);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        return new RebuildResult(events, incidents, clock.ElapsedMilliseconds, [.. inline, .. async], Math.Round(events / seconds), [.. parts.OrderBy(p => p.Part, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Folds every incident's stream afresh and compares the stored state, its listing, its snapshots
    /// and its statistics' rows with the fold. Also reports incident streams without a stored state.
    /// </summary>
    /// <remarks>From the command line (<paramref name="commandLine"/>) no daemon runs in the process: the statistics are compared as far as they have folded.</remarks>
    public async Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken, bool commandLine = false)
    {
        var differences = new List<ViewDifference>();
        var notes = new List<string>();
        long? through;
        if (commandLine)
        {
            through = (await progress.ReadAsync(cancellationToken)).Shard(StatisticsSubscription.ProgressName)?.LastSequence ?? 0;
            notes.Add($"The command line does not run the async daemon: the statistics were compared for the incidents they have folded (up to sequence {through}).");
        }
        else if (await StatsCaughtUpAsync(cancellationToken) is { } lagging)
        {
            through = null;
            differences.Add(new ViewDifference(Guid.Empty, lagging.Folded, lagging.Target, $"the statistics did not catch up within {CatchUpWait.TotalSeconds:0} s (at sequence {lagging.Folded} of {lagging.Target}); their rows were not compared"));
        }
        else
        {
            through = (await progress.ReadAsync(cancellationToken)).Shard(StatisticsSubscription.ProgressName)?.LastSequence ?? 0;
        }

        // The stored documents first: what it finds joins the differences the verifier reports.
        await using var session = store.QuerySession();
        var (documents, documentEvents) = await Documents.DocumentAudit.CheckAsync(session, settings, differences, cancellationToken);
        var result = await verifier.VerifyAsync(through, differences, notes, cancellationToken);
        return result with { EventsRead = result.EventsRead + documentEvents, DocumentsChecked = documents };
    }

    private static RebuildPart Part(string name, long events, Stopwatch clock) =>
        new(name, events, clock.ElapsedMilliseconds, Math.Round(events / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));

    private async Task<(long Events, int Incidents)> CountsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT count(*) FROM "{settings.Schema}".mt_events), (SELECT count(*)::int FROM "{settings.Schema}".mt_doc_incidentstate)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    /// <summary>Null once the statistics have reached the last event committed on entry; else how far they got.</summary>
    private async Task<(long Folded, long Target)?> StatsCaughtUpAsync(CancellationToken cancellationToken)
    {
        // The last event committed now: the daemon's high-water mark row can itself trail (after
        // the database restarted, until the daemon's agent has polled again).
        await using var last = dataSource.CreateCommand($"""SELECT COALESCE(max(seq_id), 0) FROM "{settings.Schema}".mt_events""");
        var target = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
        var deadline = DateTime.UtcNow + CatchUpWait;
        while (true)
        {
            var folded = (await progress.ReadAsync(cancellationToken)).Shard(StatisticsSubscription.ProgressName)?.LastSequence ?? 0;
            if (folded >= target)
            {
                return null;
            }

            if (DateTime.UtcNow > deadline)
            {
                return (folded, target);
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Projection} after {Milliseconds} ms")]
    private static partial void LogRebuilt(ILogger logger, string projection, long milliseconds);
}
