namespace AttackTracker.EventStore.Tests;

public sealed class InlineProjectionTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private sealed class NoteCounter(string schema) : IInlineProjection
    {
        public async Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var group in events.GroupBy(e => e.StreamId))
            {
                await using var command = transaction.CreateCommand($"""
                    INSERT INTO "{schema}".note_counts (stream_id, notes, version) VALUES ($1, $2, $3)
                    ON CONFLICT (stream_id) DO UPDATE SET notes = note_counts.notes + EXCLUDED.notes, version = EXCLUDED.version
                    WHERE note_counts.version < EXCLUDED.version
                    """);
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = group.Key });
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = group.Count(e => e.Data is NoteAdded) });
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = group.Max(e => e.Version) });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private sealed class Failing : IInlineProjection
    {
        public Task ApplyAsync(EventStoreTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("projection failed");
    }

    [Fact]
    public async Task An_inline_projection_commits_with_the_events()
    {
        await db.ScalarAsync<object>("CREATE TABLE IF NOT EXISTS __schema__.note_counts (stream_id uuid PRIMARY KEY, notes int NOT NULL, version bigint NOT NULL)");
        var store = await db.CreateStoreAsync(o => o.InlineProjections.Add(new NoteCounter(db.Schema)));
        var id = Guid.NewGuid();

        await store.StartStreamAsync(id, "incident", TestEvents.Notes(2));
        await store.AppendAsync(id, ExpectedVersion.Exactly(2), TestEvents.Notes(3));

        Assert.Equal(5, await db.ScalarAsync<int>("SELECT notes FROM __schema__.note_counts WHERE stream_id = $1", id));
    }

    [Fact]
    public async Task A_failing_inline_projection_rolls_the_append_back()
    {
        var store = await db.CreateStoreAsync(o => o.InlineProjections.Add(new Failing()));
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.StartStreamAsync(id, "incident", TestEvents.Notes(2)));

        Assert.Null(await db.Store.FetchStreamStateAsync(id));
    }
}
