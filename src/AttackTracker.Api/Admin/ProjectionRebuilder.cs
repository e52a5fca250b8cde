using System.Diagnostics;
using System.Text.Json;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Admin;

public sealed record RebuildResult(long Events, int Incidents, long ElapsedMilliseconds);

public sealed record ViewDifference(Guid IncidentId, long StoredVersion, long RebuiltVersion, string Detail);

public sealed record VerifyResult(int IncidentsChecked, long EventsRead, IReadOnlyList<ViewDifference> Differences)
{
    public bool Consistent => Differences.Count == 0;
}

/// <summary>
/// Rebuilds the read models with Marten's projection rebuild, and checks them against a fresh
/// fold of every incident (verify).
/// </summary>
public sealed partial class ProjectionRebuilder(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, ILogger<ProjectionRebuilder> logger)
{
    /// <summary>Every inline projection, by the name Marten knows it by.</summary>
    public static readonly string[] Projections = ["incident_state", "source_view", "report_index"];

    /// <summary>
    /// Closes the rebuild gate (writes in flight finish, new ones wait), then runs Marten's rebuild
    /// of every projection: it tears down a projection's documents and folds every event in
    /// sequence order again. Reads go on meanwhile; a read of an incident whose state is not yet
    /// rebuilt folds its stream instead (<see cref="IncidentReader"/>).
    /// </summary>
    public async Task<RebuildResult> RebuildAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (await RebuildGate.CloseAsync(dataSource, settings.Schema, cancellationToken))
        {
            using var daemon = await store.BuildProjectionDaemonAsync();
            // The projections share no documents: they rebuild side by side.
            await Task.WhenAll(Projections.Select(async projection =>
            {
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), cancellationToken);
                LogRebuilt(logger, projection, clock.ElapsedMilliseconds);
            }));
        }

        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        await using var session = store.QuerySession();
        var incidents = await session.Query<IncidentState>().CountAsync(cancellationToken);
        return new RebuildResult(statistics.EventCount, incidents, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// Folds every incident's stream afresh and compares the stored state, its listing and its
    /// snapshots with the fold, as JSON. Also reports incident streams without a stored state.
    /// </summary>
    public async Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken)
    {
        var differences = new List<ViewDifference>();
        await using var session = store.QuerySession();
        var streams = await IncidentStreamsAsync(session, cancellationToken);
        long eventsRead = 0;
        foreach (var (id, version) in streams)
        {
            var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
            eventsRead += events.Count;
            var stored = await session.LoadAsync<IncidentState>(id, cancellationToken);
            var (folded, snapshots) = Fold(id, events);
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
        }

        return new VerifyResult(streams.Count, eventsRead, differences);
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
