namespace AttackTracker.EventStore.Tests;

public sealed class MultiStreamTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Appends_to_several_streams_commit_together()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var results = await db.Store.AppendAsync(
        [
            new StreamAppend(a, "incident", ExpectedVersion.NoStream, TestEvents.Notes(2)),
            new StreamAppend(b, "source", ExpectedVersion.NoStream, TestEvents.Notes(3)),
        ]);

        Assert.Equal([2L, 3L], results.Select(r => r.Version));
        Assert.Equal("source", (await db.Store.FetchStreamStateAsync(b))!.Type);
        var positions = results.SelectMany(r => r.Events).Select(e => e.TransactionId).Distinct();
        Assert.Single(positions);
    }

    [Fact]
    public async Task A_conflict_in_one_stream_leaves_nothing_in_the_other()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await db.Store.StartStreamAsync(b, "incident", TestEvents.Notes(2));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => db.Store.AppendAsync(
        [
            new StreamAppend(a, "incident", ExpectedVersion.NoStream, TestEvents.Notes(2)),
            new StreamAppend(b, "incident", ExpectedVersion.Exactly(1), TestEvents.Notes(1)),
        ]));

        Assert.Null(await db.Store.FetchStreamStateAsync(a));
        Assert.Equal(0, await db.Store.ReadStreamAsync(a).CountAsync());
        Assert.Equal(2, await db.Store.ReadStreamAsync(b).CountAsync());
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_writes_nothing()
    {
        var a = Guid.NewGuid();

        await using (var transaction = await db.Store.BeginTransactionAsync())
        {
            await transaction.AppendAsync(new StreamAppend(a, "incident", ExpectedVersion.NoStream, TestEvents.Notes(2)));
        }

        Assert.Null(await db.Store.FetchStreamStateAsync(a));
    }

    [Fact]
    public async Task Locking_a_stream_makes_a_second_writer_wait_instead_of_conflict()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1));

        await using var first = await db.Store.BeginTransactionAsync();
        var state = await first.LockStreamAsync(id);
        Assert.Equal(1, state!.Version);

        var second = Task.Run(async () =>
        {
            await using var tx = await db.Store.BeginTransactionAsync();
            var seen = await tx.LockStreamAsync(id);
            await tx.AppendAsync(new StreamAppend(id, "incident", ExpectedVersion.Exactly(seen!.Version), TestEvents.Notes(1, "second")));
            await tx.CommitAsync();
            return seen.Version;
        });
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        await first.AppendAsync(new StreamAppend(id, "incident", ExpectedVersion.Exactly(1), TestEvents.Notes(1, "first")));
        await first.CommitAsync();

        Assert.Equal(2, await second);
        Assert.Equal(["note 1", "first 1", "second 1"], await db.Store.ReadStreamAsync(id).Select(e => ((NoteAdded)e.Data).Text).ToListAsync());
    }
}
