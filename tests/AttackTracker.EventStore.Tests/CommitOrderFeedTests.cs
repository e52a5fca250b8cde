namespace AttackTracker.EventStore.Tests;

public sealed class CommitOrderFeedTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Two_overlapping_transactions_committed_opposite_to_their_positions_are_both_delivered()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var checkpoint = await DrainAsync(FeedPosition.Start, []);

        await using var first = await db.Store.BeginTransactionAsync();
        var early = await first.AppendAsync(new StreamAppend(a, "incident", ExpectedVersion.NoStream, TestEvents.Notes(1, "a")));
        await using var second = await db.Store.BeginTransactionAsync();
        var late = await second.AppendAsync(new StreamAppend(b, "incident", ExpectedVersion.NoStream, TestEvents.Notes(1, "b")));
        Assert.True(early.Events[0].Position < late.Events[0].Position);
        await second.CommitAsync();

        var seen = new List<RecordedEvent>();
        checkpoint = await DrainAsync(checkpoint, seen);
        Assert.DoesNotContain(seen, e => e.StreamId == a || e.StreamId == b);

        await first.CommitAsync();
        await DrainUntilAsync(checkpoint, seen, () => seen.Count(e => e.StreamId == a || e.StreamId == b) >= 2);

        Assert.Equal([a, b], seen.Where(e => e.StreamId == a || e.StreamId == b).Select(e => e.StreamId));
    }

    [Fact]
    public async Task A_lower_position_committed_after_a_checkpoint_past_it_is_still_delivered()
    {
        var a1 = Guid.NewGuid();
        var a2 = Guid.NewGuid();
        var b = Guid.NewGuid();
        var ours = new HashSet<Guid> { a1, a2, b };
        var checkpoint = await DrainAsync(FeedPosition.Start, []);

        // A takes its transaction id first, B then writes a lower position than A's last event,
        // A commits, a reader moves its checkpoint past B's position, and only then B commits.
        // A reader that checkpoints on the global position alone would step over B here.
        await using var txA = await db.Store.BeginTransactionAsync();
        await txA.AppendAsync(new StreamAppend(a1, "incident", ExpectedVersion.NoStream, TestEvents.Notes(1, "a1")));
        await using var txB = await db.Store.BeginTransactionAsync();
        var bEvent = (await txB.AppendAsync(new StreamAppend(b, "incident", ExpectedVersion.NoStream, TestEvents.Notes(1, "b")))).Events[0];
        var aLast = (await txA.AppendAsync(new StreamAppend(a2, "incident", ExpectedVersion.NoStream, TestEvents.Notes(1, "a2")))).Events[0];
        Assert.True(bEvent.Position < aLast.Position);
        await txA.CommitAsync();

        var seen = new List<RecordedEvent>();
        checkpoint = await DrainUntilAsync(checkpoint, seen, () => seen.Count(e => ours.Contains(e.StreamId)) >= 2);
        Assert.Equal([a1, a2], seen.Where(e => ours.Contains(e.StreamId)).Select(e => e.StreamId));
        Assert.True(checkpoint.Position >= aLast.Position);

        await txB.CommitAsync();
        await DrainUntilAsync(checkpoint, seen, () => seen.Count(e => ours.Contains(e.StreamId)) >= 3);

        Assert.Equal([a1, a2, b], seen.Where(e => ours.Contains(e.StreamId)).Select(e => e.StreamId));
    }

    [Fact]
    public async Task A_reader_paging_during_concurrent_appends_misses_nothing_and_repeats_nothing()
    {
        const int writers = 8;
        const int appendsEach = 60;
        var streams = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToArray();
        var ours = streams.ToHashSet();
        var seen = new List<RecordedEvent>();
        var checkpoint = await DrainAsync(FeedPosition.Start, []);
        var written = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        var writing = Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                var result = await db.Store.AppendAsync(stream, ExpectedVersion.Any, TestEvents.Notes(1 + (i % 3)));
                foreach (var e in result.Events)
                {
                    written.Add(e.EventId);
                }
            }
        })));

        while (!writing.IsCompleted)
        {
            var page = await db.Store.ReadAllAsync(checkpoint, 7);
            seen.AddRange(page.Events);
            checkpoint = page.Next;
        }

        await writing;
        await DrainUntilAsync(checkpoint, seen, () => seen.Count(e => ours.Contains(e.StreamId)) >= written.Count);

        var delivered = seen.Where(e => ours.Contains(e.StreamId)).Select(e => e.EventId).ToList();
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.Equal(written.Order(), delivered.Order());
    }

    [Fact]
    public void Feed_positions_round_trip_as_text()
    {
        var position = new FeedPosition(123456789012, 42);

        Assert.True(FeedPosition.TryParse(position.ToString(), out var parsed));
        Assert.Equal(position, parsed);
        Assert.False(FeedPosition.TryParse("12", out _));
        Assert.False(FeedPosition.TryParse("-1:3", out _));
    }

    /// <summary>
    /// The feed holds back while any transaction in the cluster is older than an event (other test
    /// classes run alongside), so delivery is waited for, within a bound, never assumed at once.
    /// </summary>
    private async Task<FeedPosition> DrainUntilAsync(FeedPosition from, List<RecordedEvent> into, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        from = await DrainAsync(from, into);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            from = await DrainAsync(from, into);
        }

        return from;
    }

    private async Task<FeedPosition> DrainAsync(FeedPosition from, List<RecordedEvent> into)
    {
        while (true)
        {
            var page = await db.Store.ReadAllAsync(from, 100);
            into.AddRange(page.Events);
            if (page.Events.Count < 100)
            {
                return page.Next;
            }

            from = page.Next;
        }
    }
}
