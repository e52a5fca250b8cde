using AttackTracker.Api.Statistics;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Admin;

/// <summary>
/// How far a rebuild has got: its part (<see cref="RebuildRuns.ReadModels"/> or the statistics),
/// whether a process is at it (<c>running</c>) or a crash left it to be taken up at the next start
/// (<c>interrupted</c>), the incidents and events done and left, this run's rate and the time left.
/// </summary>
public sealed record RebuildProgress(
    string Part,
    IReadOnlyList<string> Projections,
    string State,
    DateTimeOffset StartedAt,
    long IncidentsDone,
    long IncidentsTotal,
    long EventsDone,
    long EventsLeft,
    double EventsPerSecond,
    double? SecondsLeft,
    int Resumed);

/// <summary>
/// The marker rows of the rebuilds that are not done (Sql/0012): written when a rebuild starts,
/// advanced with each chunk it commits, removed when it is done. While one is there, /health says
/// so; a read-model rebuild whose process died is taken up again at the next start
/// (<see cref="RebuildResumer"/>) from its last committed chunk.
/// </summary>
public sealed class RebuildRuns(NpgsqlDataSource dataSource, StoreSettings settings)
{
    /// <summary>The part that overwrites the incidents' states, listings and snapshots, the report index and the sources.</summary>
    public const string ReadModels = "read_models";

    /// <summary>The part that refills the statistics' rows.</summary>
    public const string Statistics = StatisticsSubscription.SubscriptionName;

    /// <summary>The session lock a process holds while it runs a read-model rebuild: held by none, the rebuild was interrupted.</summary>
    public static string LockName(string schema) => $"attacktracker:rebuild:{schema}";

    /// <summary>Every rebuild not yet done, with its progress.</summary>
    public async Task<IReadOnlyList<RebuildProgress>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT r.name, r.projections, r.started_at, r.done, r.total, r.events_done, r.events_total, r.target,
                   r.run_started_at, r.run_events_from, r.resumed, r.updated_at, now(),
                   (SELECT last_seq_id FROM "{settings.Schema}".mt_event_progression WHERE name = '{StatisticsSubscription.ProgressName}'),
                   CASE WHEN r.name = '{ReadModels}' THEN NOT pg_try_advisory_xact_lock(hashtextextended($1, 0)) ELSE true END
            FROM "{settings.Schema}".rebuild_runs r
            ORDER BY r.name
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LockName(settings.Schema) });
        var runs = new List<RebuildProgress>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var now = reader.GetFieldValue<DateTimeOffset>(12);
            var runStarted = reader.GetFieldValue<DateTimeOffset>(8);
            long done, left, fromRun;
            DateTimeOffset measuredAt;
            if (name == Statistics)
            {
                // The statistics' progress is the daemon's (or the rebuild's own run's): the shard's last sequence.
                done = reader.IsDBNull(13) ? 0 : reader.GetInt64(13);
                left = Math.Max(0, reader.GetInt64(7) - done);
                fromRun = reader.GetInt64(9);
                measuredAt = now;
            }
            else
            {
                done = reader.GetInt64(5);
                left = Math.Max(0, reader.GetInt64(6) - done);
                fromRun = reader.GetInt64(9);
                measuredAt = reader.GetFieldValue<DateTimeOffset>(11);
            }

            var seconds = (measuredAt - runStarted).TotalSeconds;
            var rate = seconds > 0 ? Math.Max(0, done - fromRun) / seconds : 0;
            runs.Add(new RebuildProgress(
                name,
                reader.GetFieldValue<string[]>(1),
                reader.GetBoolean(14) ? "running" : "interrupted",
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                done,
                left,
                Math.Round(rate, 1),
                rate > 0 ? Math.Round(left / rate, 1) : null,
                reader.GetInt32(10)));
        }

        return runs;
    }

    /// <summary>The read-model rebuild's marker as it stands: where it got to, or null when none is pending.</summary>
    public static async Task<(Guid? After, long Done, long EventsDone, string[] Projections)?> PendingAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"""SELECT after_id, done, events_done, projections FROM "{schema}".rebuild_runs WHERE name = '{ReadModels}'""", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<string[]>(3))
            : null;
    }
}
