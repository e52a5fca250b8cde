using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The peers' read data set (pgbench/read-dataset.sql) twice: in Marten's tables and in the physical
/// table. 10,000 streams of 20 events stored interleaved (version 1 of every stream, then version 2, …)
/// as live incidents would be, plus one 10,000-event stream spread evenly through them: 210,000 events.
/// Marten's copy is written with one INSERT … SELECT in that order, through the project's trigger, so
/// every event gets its hash-chain link as an append would give it.
/// </summary>
public sealed class ReadDataset
{
    public const string LibrarySchema = "bench_read";
    public const int Streams = 10_000;
    public const int StreamLength = 20;
    public const int BigStreamLength = 10_000;
    public const int Events = (Streams * StreamLength) + BigStreamLength;

    private ReadDataset(IReadOnlyList<Guid> streamIds, Guid bigStreamId)
    {
        StreamIds = streamIds;
        BigStreamId = bigStreamId;
    }

    public static RawEventsTable Raw { get; } = new("bench_read_raw");

    public IReadOnlyList<Guid> StreamIds { get; }

    public Guid BigStreamId { get; }

    public static async Task<ReadDataset> LoadAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        context.Say($"read data set: loading {Events:N0} events into Marten's tables and the physical table");
        await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        await context.Database.DropSchemaAsync(Raw.Schema, cancellationToken);
        using (await Stores.OpenAsync(context, LibrarySchema, projections: false, migrate: true, cancellationToken))
        {
        }

        var schema = Database.Quote(LibrarySchema);
        await context.Database.ExecuteAsync($"""
            INSERT INTO {schema}.mt_streams (id, type, version, timestamp, created)
            SELECT id, 'note', max(ver), now(), now() FROM ({RawEventsTable.ReadDatasetRows}) AS x GROUP BY id
            """, cancellationToken);
        await ExecuteAsync(context, $"""
            INSERT INTO {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
            SELECT nextval('{LibrarySchema}.mt_events_sequence'), gen_random_uuid(), id, ver, $1::jsonb, '{IncidentNoteAdded.StoredName}', now(),
                   '{typeof(IncidentNoteAdded).FullName}, {typeof(IncidentNoteAdded).Assembly.GetName().Name}'
            FROM ({RawEventsTable.ReadDatasetRows}) AS x
            ORDER BY pos
            """, cancellationToken);
        context.Say($"read data set: Marten's tables written in {clock.Elapsed.TotalSeconds:0.0}s");
        await context.Database.ExecuteAsync(Raw.Create, cancellationToken);
        await ExecuteAsync(context, Raw.ReadDataset, cancellationToken);
        context.Say($"read data set: written in {clock.Elapsed.TotalSeconds:0.0}s; VACUUM ANALYZE");
        foreach (var table in new[] { $"{schema}.mt_events", $"{schema}.mt_streams", $"{schema}.event_hashes", Raw.Table })
        {
            await context.Database.ExecuteAsync($"VACUUM ANALYZE {table}", cancellationToken);
        }

        await context.Database.CheckpointAsync(cancellationToken);

        var ids = new List<Guid>(Streams);
        await using (var command = context.Database.Admin.CreateCommand($"SELECT id FROM {schema}.mt_streams WHERE version = {StreamLength} ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var big = await context.Database.ScalarAsync<Guid>("SELECT md5('big')::uuid", cancellationToken);
        var count = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.mt_events", cancellationToken);
        var links = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.event_hashes", cancellationToken);
        if (ids.Count != Streams || count != Events || links != Events)
        {
            throw new InvalidOperationException(
                $"The read data set holds {ids.Count} streams of {StreamLength}, {count} events and {links} links; expected {Streams} and {Events}.");
        }

        context.Say($"read data set: loaded in {clock.Elapsed.TotalSeconds:0.0}s");
        return new ReadDataset(ids, big);
    }

    private static async Task ExecuteAsync(BenchContext context, string sql, CancellationToken cancellationToken)
    {
        await using var command = context.Database.Admin.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.Payload.Json, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
