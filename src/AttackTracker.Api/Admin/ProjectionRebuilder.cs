using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Admin;

public sealed record RebuildResult(long Events, int Incidents, long ElapsedMilliseconds, IReadOnlyList<string> Projections);

/// <summary>The async projections run on another node (the daemon's leader), so this one cannot rebuild them.</summary>
public sealed class NotRunningHereException(string projection)
    : InvalidOperationException($"The async projection {projection} runs on another node of the service; only the node running the daemon can rebuild it.");

public sealed record ViewDifference(Guid IncidentId, long StoredVersion, long RebuiltVersion, string Detail);

public sealed record VerifyResult(int IncidentsChecked, long EventsRead, IReadOnlyList<ViewDifference> Differences, IReadOnlyList<string>? Notes = null, int DocumentsChecked = 0)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Rebuilds the read models with Marten's projection rebuild, and checks them against a fresh
/// fold of every incident (verify).
/// </summary>
public sealed partial class ProjectionRebuilder(
    IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, DaemonProgress progress, IServiceProvider services, ILogger<ProjectionRebuilder> logger)
{
    /// <summary>Every inline projection, by the name Marten knows it by.</summary>
    public static readonly string[] Projections = ["incident_state", "source_view", "report_index", Documents.DocumentSummaryProjection.ProjectionName];

    /// <summary>Every async projection (on the daemon), by the name Marten knows it by.</summary>
    public static readonly string[] AsyncProjections = [Statistics.IncidentStatsProjection.ProjectionName];

    /// <summary>How long verify waits for the async projections to reach the last event committed when it began.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rebuilds one projection, or (null) all of them: the inline ones behind the rebuild gate,
    /// then the async ones while reads and writes go on (<see cref="RebuildAsyncProjectionAsync"/>).
    /// </summary>
    /// <remarks>From the command line (<paramref name="commandLine"/>) no daemon runs in the process, and the service is expected to be stopped.</remarks>
    public async Task<RebuildResult> RebuildAsync(string? projection, CancellationToken cancellationToken, bool commandLine = false)
    {
        var clock = Stopwatch.StartNew();
        var inline = projection is null ? Projections : Projections.Where(p => p == projection).ToArray();
        var async = projection is null ? AsyncProjections : AsyncProjections.Where(p => p == projection).ToArray();
        // One daemon for the whole rebuild: each daemon that rebuilds attaches a progression writer to
        // the database's shared shard tracker, and a second one makes JasperFx warn of "more than one
        // projection daemon" (issue 21, restore).
        using var daemon = await store.BuildProjectionDaemonAsync();
        if (inline.Length > 0)
        {
            await RebuildInlineAsync(daemon, inline, clock, cancellationToken);
        }

        foreach (var name in async)
        {
            await RebuildAsyncProjectionAsync(daemon, name, commandLine, cancellationToken);
            LogRebuilt(logger, name, clock.ElapsedMilliseconds);
        }

        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        await using var session = store.QuerySession();
        var incidents = await session.Query<IncidentState>().CountAsync(cancellationToken);
        return new RebuildResult(statistics.EventCount, incidents, clock.ElapsedMilliseconds, [.. inline, .. async]);
    }

    /// <summary>
    /// An async projection is rebuilt by the daemon that runs it, on this node: Marten stops its
    /// agent, tears its documents down, folds every event again and starts the agent anew. Writes
    /// go on meanwhile and the agent takes them in after; reads of the statistics answer with
    /// what has been folded so far, and their progress says how far that is. On a node that is
    /// not running the daemon, <see cref="NotRunningHereException"/>.
    /// </summary>
    private async Task RebuildAsyncProjectionAsync(JasperFx.Events.Daemon.IProjectionDaemon daemon, string name, bool commandLine, CancellationToken cancellationToken)
    {
        var coordinator = services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        var running = coordinator?.DaemonForMainDatabase();
        if (running is not null && running.CurrentAgents().Any(a => a.Name.Name == name))
        {
            await running.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), cancellationToken);
            // The rebuild leaves the shard stopped at the sequence it rebuilt to; continuous
            // running resumes from there, with whatever was written meanwhile.
            await running.StartAgentAsync(name + ":All", cancellationToken);
            return;
        }

        if (!commandLine)
        {
            throw new NotRunningHereException(name);
        }

        // The command line (rebuild, restore), with the service stopped: the rebuild's own daemon.
        await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), cancellationToken);
    }

    private async Task RebuildInlineAsync(JasperFx.Events.Daemon.IProjectionDaemon daemon, string[] projections, Stopwatch clock, CancellationToken cancellationToken)
    {
        await using (await RebuildGate.CloseAsync(dataSource, settings.Schema, cancellationToken))
        {
            async Task RebuildAsync(string projection)
            {
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), cancellationToken);
                LogRebuilt(logger, projection, clock.ElapsedMilliseconds);
            }

            // The projections share no documents: they rebuild side by side, once the first has armed
            // the daemon's progression writer (armed by several at once, it is attached several times).
            await RebuildAsync(projections[0]);
            await Task.WhenAll(projections.Skip(1).Select(RebuildAsync));
        }
    }

    /// <summary>
    /// Folds every incident's stream afresh and compares the stored state, its listing and its
    /// snapshots with the fold, as JSON. Also reports incident streams without a stored state, and
    /// checks every stored document (<see cref="Documents.DocumentAudit"/>).
    /// </summary>
    /// <remarks>From the command line (<paramref name="commandLine"/>) no daemon runs in the process, and the async projections are not compared.</remarks>
    public async Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken, bool commandLine = false)
    {
        var differences = new List<ViewDifference>();
        var notes = new List<string>();
        // The async projections first catch up with what is committed now; then they are compared.
        // From the command line they are not: the service that runs them may well be stopped.
        var daemonRuns = !commandLine;
        var statsCaughtUp = daemonRuns ? await StatsCaughtUpAsync(cancellationToken) : null;
        if (!daemonRuns)
        {
            notes.Add("The command line does not run the async daemon, so the statistics projection (incident_stats) was not compared; verify through the running service (GET /api/admin/verify) to cover it.");
        }
        await using var session = store.QuerySession();
        var streams = await IncidentStreamsAsync(session, cancellationToken);
        long eventsRead = 0;
        foreach (var (id, version) in streams)
        {
            IReadOnlyList<IEvent> events;
            IncidentState folded;
            List<IncidentSnapshot> snapshots;
            try
            {
                events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
                (folded, snapshots) = Fold(id, events);
            }
            catch (Marten.Exceptions.EventDeserializationFailureException ex)
            {
                // A poison event: the stream cannot be folded afresh (GET /api/admin/projection-failures lists it).
                differences.Add(new ViewDifference(id, 0, version, $"the stream holds an event that cannot be read (sequence {ex.Sequence}): {ex.InnerException?.Message ?? ex.Message}"));
                continue;
            }

            eventsRead += events.Count;
            var stored = await session.LoadAsync<IncidentState>(id, cancellationToken);
            if (stored is null)
            {
                differences.Add(new ViewDifference(id, 0, folded.Version, "the incident stream has no stored state"));
                continue;
            }

            if (stored.Version != folded.Version || stored.Version != version)
            {
                differences.Add(new ViewDifference(id, stored.Version, folded.Version, "the stored state is at another version than the stream"));
            }
            else if (Json(stored) != Json(folded))
            {
                differences.Add(new ViewDifference(id, stored.Version, folded.Version, "the stored state differs from a fresh fold of the stream"));
            }
            else if (Json(await session.LoadAsync<IncidentListing>(id, cancellationToken)) != Json(IncidentListing.Of(folded)))
            {
                differences.Add(new ViewDifference(id, stored.Version, folded.Version, "the stored listing differs from a fresh fold of the stream"));
            }
            else
            {
                var storedSnapshots = await session.Query<IncidentSnapshot>().Where(s => s.IncidentId == id).ToListAsync(cancellationToken);
                if (Json(storedSnapshots.OrderBy(s => s.Version)) != Json(snapshots))
                {
                    differences.Add(new ViewDifference(id, stored.Version, folded.Version, "the stored snapshots differ from a fresh fold of the stream"));
                }
            }

            if (daemonRuns && statsCaughtUp is null && events.Count > 0)
            {
                var contribution = IncidentContribution.Of(id, folded, null, events.Max(e => e.Sequence));
                var storedContribution = await session.LoadAsync<IncidentContribution>(id, cancellationToken);
                if (Json(storedContribution) != Json(contribution))
                {
                    differences.Add(new ViewDifference(id, storedContribution?.Version ?? 0, folded.Version, "the statistics projection's contribution differs from a fresh fold of the stream"));
                }
            }
        }

        if (statsCaughtUp is { } lagging)
        {
            differences.Add(new ViewDifference(Guid.Empty, lagging.Folded, lagging.Target, $"the statistics projection did not catch up within {CatchUpWait.TotalSeconds:0} s (at sequence {lagging.Folded} of {lagging.Target}); its contributions were not compared"));
        }

        var (documents, documentEvents) = await Documents.DocumentAudit.CheckAsync(session, settings, differences, cancellationToken);
        return new VerifyResult(streams.Count, eventsRead + documentEvents, differences, notes, documents);
    }

    /// <summary>Null once the statistics shard has reached the last event committed on entry; else how far it got.</summary>
    private async Task<(long Folded, long Target)?> StatsCaughtUpAsync(CancellationToken cancellationToken)
    {
        // The last event committed now: the daemon's high-water mark row can itself trail (after
        // the database restarted, until the daemon's agent has polled again).
        await using var last = dataSource.CreateCommand($"""SELECT COALESCE(max(seq_id), 0) FROM "{settings.Schema}".mt_events""");
        var target = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
        var deadline = DateTime.UtcNow + CatchUpWait;
        while (true)
        {
            var folded = (await progress.ReadAsync(cancellationToken)).Shard(Statistics.IncidentStatsProjection.ProgressName)?.LastSequence ?? 0;
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

    private static (IncidentState State, List<IncidentSnapshot> Snapshots) Fold(Guid id, IReadOnlyList<IEvent> events)
    {
        var state = IncidentState.Initial;
        var snapshots = new List<IncidentSnapshot>();
        foreach (var e in events)
        {
            state = IncidentFold.Evolve(state, e.ToStreamEvent());
            if (IncidentSnapshot.IsDue(state.Version))
            {
                snapshots.Add(IncidentSnapshot.Of(state with { Id = id }));
            }
        }

        return (state with { Id = id }, snapshots);
    }

    private async Task<List<(Guid Id, long Version)>> IncidentStreamsAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT id, version FROM "{settings.Schema}".mt_streams WHERE type = '{IncidentReader.StreamType}' ORDER BY id""");
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        var streams = new List<(Guid, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }

        return streams;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, IncidentJson.Options);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the projection {Projection} after {Milliseconds} ms")]
    private static partial void LogRebuilt(ILogger logger, string projection, long milliseconds);
}
