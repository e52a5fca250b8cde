using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The peers' read data set (pgbench/read-dataset.sql) twice: in the event store and in the physical
/// table. 10,000 streams of 20 events stored interleaved (version 1 of every stream, then version 2, …)
/// as live incidents would be, plus one 10,000-event stream spread evenly through them: 210,000 events.
/// The store's copy is written by its own append_events function, one call per event in that order,
/// so versions, hash chains and stream rows are what appends make.
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
        context.Say($"read data set: loading {Events:N0} events into the store and the physical table");
        await context.Database.DropSchemaAsync(LibrarySchema, cancellationToken);
        await context.Database.DropSchemaAsync(Raw.Schema, cancellationToken);
        await using (var dataSource = context.CreateDataSource())
        {
            await Stores.Notes(dataSource, LibrarySchema).MigrateAsync(cancellationToken);
        }

        var schema = Database.Quote(LibrarySchema);
        await ExecuteAsync(context, $"""
            SELECT count(*)
            FROM (
              SELECT id, ver FROM (
                {RawEventsTable.ReadDatasetRows}
              ) AS x
              ORDER BY pos
            ) AS o,
            LATERAL {schema}.append_events(
              o.id, 'note', -1, ARRAY[gen_random_uuid()], ARRAY['{IncidentNoteAdded.StoredName}'], ARRAY[$1::jsonb], ARRAY[jsonb_build_object()]) AS a
            """, cancellationToken);
        context.Say($"read data set: store written in {clock.Elapsed.TotalSeconds:0.0}s");
        await context.Database.ExecuteAsync(Raw.Create, cancellationToken);
        await ExecuteAsync(context, Raw.ReadDataset, cancellationToken);
        context.Say($"read data set: written in {clock.Elapsed.TotalSeconds:0.0}s; VACUUM ANALYZE");
        foreach (var table in new[] { $"{schema}.events", $"{schema}.streams", Raw.Table })
        {
            await context.Database.ExecuteAsync($"VACUUM ANALYZE {table}", cancellationToken);
        }

        await context.Database.CheckpointAsync(cancellationToken);

        var ids = new List<Guid>(Streams);
        await using (var command = context.Database.Admin.CreateCommand($"SELECT id FROM {schema}.streams WHERE version = {StreamLength} ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var big = await context.Database.ScalarAsync<Guid>("SELECT md5('big')::uuid", cancellationToken);
        var count = await context.Database.ScalarAsync<long>($"SELECT count(*) FROM {schema}.events", cancellationToken);
        if (ids.Count != Streams || count != Events)
        {
            throw new InvalidOperationException($"The read data set holds {ids.Count} streams of {StreamLength} and {count} events; expected {Streams} and {Events}.");
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
