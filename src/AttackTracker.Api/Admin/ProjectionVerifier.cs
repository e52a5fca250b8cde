using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Admin;

/// <summary>What verify compared, what differs, and how fast it went over the store.</summary>
public sealed record VerifyResult(
    int IncidentsChecked, long EventsRead, IReadOnlyList<ViewDifference> Differences, IReadOnlyList<string>? Notes = null,
    long ElapsedMilliseconds = 0, double EventsPerSecond = 0, double IncidentsPerSecond = 0, int DocumentsChecked = 0)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Checks every read model against a fresh fold of every incident (verify): the stored documents
/// (<see cref="Documents.DocumentAudit"/>) and the groups' identity table (<see cref="Groups.GroupNamesRebuild"/>), then the incidents' states, listings, snapshots and
/// statistics' rows (<see cref="ViewVerifier"/>), once the statistics have caught up.
/// </summary>
public sealed class ProjectionVerifier(
    IDocumentStore store, ViewVerifier verifier, NpgsqlDataSource dataSource, StoreSettings settings, DaemonProgress progress)
{
    /// <summary>How long verify waits for the statistics to reach the last event committed when it began.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(30);

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
        foreach (var difference in await Groups.GroupNamesRebuild.DifferencesAsync(dataSource, settings.Schema, cancellationToken))
        {
            differences.Add(new ViewDifference(Guid.Empty, 0, 0, $"group identity (group_names): {difference}"));
        }

        var result = await verifier.VerifyAsync(through, differences, notes, cancellationToken);
        return result with { EventsRead = result.EventsRead + documentEvents, DocumentsChecked = documents };
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
}
