using System.Diagnostics;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
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

/// <summary>
/// Rebuilds the read models (<see cref="ReadModelRebuild"/>: the project's own path, overwriting in
/// place, resumable) and the statistics (<see cref="StatisticsRebuild"/>), side by side (<see cref="ProjectionVerifier"/> checks them).
/// docs/adr/0006 says why the rebuild is the project's own rather than Marten's.
/// </summary>
public sealed partial class ProjectionRebuilder(
    ReadModelRebuild readModels, StatisticsRebuild statistics, NpgsqlDataSource dataSource, StoreSettings settings, ILogger<ProjectionRebuilder> logger)
{
    /// <summary>Every inline projection, by the name Marten knows it by.</summary>
    public static readonly string[] Projections = ReadModelRebuild.Projections;

    /// <summary>Every projection kept on the daemon.</summary>
    public static readonly string[] AsyncProjections = [StatisticsSubscription.SubscriptionName];

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Projection} after {Milliseconds} ms")]
    private static partial void LogRebuilt(ILogger logger, string projection, long milliseconds);
}
