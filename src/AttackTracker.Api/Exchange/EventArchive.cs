using System.Text.Json;
using System.Text.Json.Nodes;
using AttackTracker.Api.Admin;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;
using Npgsql;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// Restores the event log archive (docs/export.md, written by <see cref="ArchiveExporter"/>) into an
/// empty database and proves it identical. Every line is written into a staging schema
/// (<see cref="RestoreStaging"/>) transaction by transaction as it was committed, so the database's
/// own trigger recomputes every link; a line whose link does not match is refused with its number.
/// Only when the whole archive is in, every chain verifies and every incident's view digest
/// matches does one transaction move it into the target: a refused restore leaves the target empty,
/// and it can be run again.
/// </summary>
public sealed class EventArchive(IDocumentStore store, NpgsqlDataSource dataSource, StoreSettings settings, ProjectionRebuilder rebuilder)
{
    public async Task<RestoreResult> RestoreAsync(Func<TextReader> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        await using (var any = dataSource.CreateCommand($"""SELECT EXISTS (SELECT 1 FROM "{settings.Schema}".mt_streams)"""))
        {
            if (await any.ExecuteScalarAsync(cancellationToken) is true)
            {
                throw new ArchiveException(0, "the database holds streams already; restore only into an empty database.");
            }
        }

        var heads = new Dictionary<Guid, StreamHead>();
        var expectedViews = new Dictionary<Guid, string?>();
        long events;
        int chains;
        await using (var staging = await RestoreStaging.OpenAsync(settings, cancellationToken))
        {
            using (var input = open())
            {
                events = await StageAsync(input, staging, heads, expectedViews, cancellationToken);
            }

            chains = await staging.MoveToTargetAsync(heads.Keys, (transaction, token) => CompareViewsAsync(transaction, heads, expectedViews, token), cancellationToken);
        }

        // The read models are derived: the record is in and proven, and `rebuild` can always redo this.
        await rebuilder.RebuildAsync(null, cancellationToken, commandLine: true);
        return new RestoreResult(events, heads.Count, expectedViews.Count, chains);
    }

    private static async Task<long> StageAsync(
        TextReader input, RestoreStaging staging, Dictionary<Guid, StreamHead> heads, Dictionary<Guid, string?> expectedViews, CancellationToken cancellationToken)
    {
        long lineNumber = 0, events = 0, seq = 0;
        var ended = false;
        while (await input.ReadLineAsync(cancellationToken) is { } raw)
        {
            lineNumber++;
            if (raw.Length == 0)
            {
                continue;
            }

            if (ended)
            {
                throw new ArchiveException(lineNumber, "there is text after the end line.");
            }

            try
            {
                var line = ArchiveLines.Parse(raw, lineNumber);
                if (line["view"] is JsonObject view)
                {
                    expectedViews[ArchiveLines.Uuid(view, "streamId", lineNumber)] = (string?)view["sha256"];
                    continue;
                }

                if (line["end"] is JsonObject end)
                {
                    CheckEnd(end, lineNumber, events, heads, expectedViews);
                    ended = true;
                    continue;
                }

                var e = ArchiveLines.ReadEvent(line, lineNumber, heads, seq);
                string? stored;
                try
                {
                    stored = await staging.WriteAsync(e, cancellationToken);
                }
                catch (PostgresException ex)
                {
                    throw new ArchiveException(lineNumber, $"the database refused the event: {ex.MessageText}");
                }

                if (stored != e.Hash)
                {
                    throw new ArchiveException(lineNumber, $"its hash does not match its content: the line was changed (stream {e.StreamId}, version {e.Version}).");
                }

                heads[e.StreamId] = new StreamHead(e.Version, e.Hash, e.StreamType);
                seq = (long)line["seq"]!;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
            {
                // A field of the wrong JSON type or form (a date, a version, a hash).
                throw new ArchiveException(lineNumber, $"a field has the wrong type or form: {ex.Message}");
            }

            events++;
        }

        if (!ended)
        {
            throw new ArchiveException(lineNumber + 1, "the end line is missing: the archive is cut short.");
        }

        return events;
    }

    /// <summary>The end line's counts, and a view line for every incident: a deleted one would go uncompared.</summary>
    private static void CheckEnd(JsonObject end, long lineNumber, long events, Dictionary<Guid, StreamHead> heads, Dictionary<Guid, string?> expectedViews)
    {
        if ((long?)end["events"] != events)
        {
            throw new ArchiveException(lineNumber, $"the end line counts {(long?)end["events"]} events; the archive holds {events}: lines are missing.");
        }

        var incidents = heads.Where(h => h.Value.Type == IncidentReader.StreamType).Select(h => h.Key).ToList();
        var missing = incidents.FirstOrDefault(id => !expectedViews.ContainsKey(id));
        var stray = expectedViews.Keys.FirstOrDefault(id => !incidents.Contains(id));
        if ((long?)end["incidents"] != incidents.Count || expectedViews.Count != incidents.Count || missing != default)
        {
            throw new ArchiveException(lineNumber, $"the end line counts {(long?)end["incidents"]} incidents; the archive holds {incidents.Count} incident streams and {expectedViews.Count} view lines{(missing != default ? $" (none for {missing})" : stray != default ? $" (one for {stray}, which is no incident)" : string.Empty)}.");
        }
    }

    /// <summary>Each incident's view, folded from the events just moved in (in their transaction), against the archive's digest.</summary>
    private async Task CompareViewsAsync(NpgsqlTransaction transaction, Dictionary<Guid, StreamHead> heads, Dictionary<Guid, string?> expectedViews, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction));
        foreach (var (id, expected) in expectedViews)
        {
            var events = await session.Events.FetchStreamAsync(id, version: heads[id].Version, token: cancellationToken);
            var view = IncidentViewBuilder.Build(id, events.Fold() with { Id = id }, ViewPoint.Current);
            if (ArchiveLines.Digest(JsonSerializer.Serialize(view, IncidentJson.Options)) != expected)
            {
                throw new ArchiveException(0, $"the restored view of incident {id} differs from the original's.");
            }
        }
    }
}
