namespace AttackTracker.EventStore.Tests;

public sealed class ConcurrencyTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Two_writers_with_the_same_expected_version_exactly_one_wins()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1));

        // The first writer holds the stream row until it commits, so the second is certainly
        // concurrent with it rather than merely after it.
        await using var first = await db.Store.BeginTransactionAsync();
        await first.AppendAsync(new StreamAppend(id, "incident", ExpectedVersion.Exactly(1), TestEvents.Notes(1, "first")));
        var second = db.Store.AppendAsync(id, ExpectedVersion.Exactly(1), TestEvents.Notes(1, "second"));
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        await first.CommitAsync();

        var ex = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => second);
        Assert.Equal(id, ex.StreamId);
        Assert.Equal(1, ex.Expected.Value);
        Assert.Equal(2, ex.Actual);
        var notes = await db.Store.ReadStreamAsync(id).Select(e => ((NoteAdded)e.Data).Text).ToListAsync();
        Assert.Equal(["note 1", "first 1"], notes);
    }

    [Fact]
    public async Task Racing_writers_on_one_version_one_succeeds_and_the_rest_get_the_typed_exception()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1));

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await db.Store.AppendAsync(id, ExpectedVersion.Exactly(1), TestEvents.Notes(1, $"writer {i}"));
                return true;
            }
            catch (WrongExpectedVersionException ex) when (ex.Actual == 2)
            {
                return false;
            }
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, won => won);
        Assert.Equal(2, (await db.Store.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task Many_parallel_writers_on_one_stream_leave_versions_without_gaps_or_duplicates()
    {
        const int writers = 16;
        const int appendsEach = 50;
        var id = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                await db.Store.AppendAsync(id, ExpectedVersion.Any, [new EventData(new NoteAdded($"{w}:{i}"))]);
            }
        })));

        var events = await db.Store.ReadStreamAsync(id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, writers * appendsEach).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(writers * appendsEach, events.Select(e => ((NoteAdded)e.Data).Text).Distinct().Count());
        Assert.Equal(writers * appendsEach, (await db.Store.FetchStreamStateAsync(id))!.Version);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.RecordedAt <= p.Second.RecordedAt));
    }

    [Fact]
    public async Task Optimistic_writers_that_retry_on_conflict_all_land_exactly_once()
    {
        const int writers = 8;
        const int appendsEach = 20;
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1, "start"));
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                while (true)
                {
                    var version = (await db.Store.FetchStreamStateAsync(id))!.Version;
                    try
                    {
                        await db.Store.AppendAsync(id, ExpectedVersion.Exactly(version), [new EventData(new NoteAdded($"{w}:{i}"))]);
                        break;
                    }
                    catch (WrongExpectedVersionException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        var events = await db.Store.ReadStreamAsync(id).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 1 + (writers * appendsEach)).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(1 + (writers * appendsEach), events.Select(e => ((NoteAdded)e.Data).Text).Distinct().Count());
        Assert.True(conflicts > 0, "eight optimistic writers on one stream should have collided at least once");
    }
}
