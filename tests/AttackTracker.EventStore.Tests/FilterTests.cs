namespace AttackTracker.EventStore.Tests;

public sealed class FilterTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private static readonly Func<int, RecordedEvent, int> SumKilled =
        (total, e) => e.Data is CasualtiesCounted c ? total + c.Killed : total;

    [Fact]
    public async Task A_stream_reads_from_and_up_to_a_version()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(10));

        Assert.Equal([4L, 5L, 6L], await db.Store.ReadStreamAsync(id, fromVersion: 4, toVersion: 6).Select(e => e.Version).ToListAsync());
        Assert.Equal([9L, 10L], await db.Store.ReadStreamAsync(id, fromVersion: 9).Select(e => e.Version).ToListAsync());
        Assert.Empty(await db.Store.ReadStreamAsync(id, fromVersion: 11).ToListAsync());
    }

    [Fact]
    public async Task A_stream_reads_up_to_a_recorded_time()
    {
        var id = Guid.NewGuid();
        var first = await db.Store.StartStreamAsync(id, "incident", [new EventData(new CasualtiesCounted(3, 0))]);
        await Task.Delay(50);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await db.Store.AppendAsync(id, ExpectedVersion.Exactly(1), [new EventData(new CasualtiesCounted(1, 15))]);

        Assert.Equal([1L], await db.Store.ReadStreamAsync(id, recordedAsOf: cut).Select(e => e.Version).ToListAsync());
        Assert.Equal([1L], await db.Store.ReadStreamAsync(id, recordedAsOf: first.Events[0].RecordedAt).Select(e => e.Version).ToListAsync());
        Assert.Empty(await db.Store.ReadStreamAsync(id, recordedAsOf: first.Events[0].RecordedAt.AddTicks(-10)).ToListAsync());
    }

    [Fact]
    public async Task A_fold_stops_at_a_version_or_a_recorded_time()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", [new EventData(new IncidentOpened("t", "FR")), new EventData(new CasualtiesCounted(3, 0))]);
        await Task.Delay(50);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await db.Store.AppendAsync(id, ExpectedVersion.Exactly(2), [new EventData(new CasualtiesCounted(1, 15))]);

        var all = await db.Store.AggregateStreamAsync(id, 0, SumKilled);
        var byVersion = await db.Store.AggregateStreamAsync(id, 0, SumKilled, toVersion: 2);
        var byTime = await db.Store.AggregateStreamAsync(id, 0, SumKilled, recordedAsOf: cut);
        var none = await db.Store.AggregateStreamAsync(id, 0, SumKilled, toVersion: 0);

        Assert.Equal((4, 3L), (all.State, all.Version));
        Assert.Equal((3, 2L), (byVersion.State, byVersion.Version));
        Assert.Equal((3, 2L), (byTime.State, byTime.Version));
        Assert.Equal((0, 0L), (none.State, none.Version));
        Assert.Null(none.LastRecordedAt);
    }
}
