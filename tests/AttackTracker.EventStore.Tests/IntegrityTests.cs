namespace AttackTracker.EventStore.Tests;

public sealed class IntegrityTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private async Task<Guid> StreamOfFiveAsync()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(2));
        await db.Store.AppendAsync(id, ExpectedVersion.Exactly(2), TestEvents.Notes(2, "more"));
        await db.Store.AppendAsync(id, ExpectedVersion.Any, [new EventData(new CasualtiesCounted(4, 15))]);
        return id;
    }

    /// <summary>As a superuser would: with the immutability triggers switched off for this session only.</summary>
    private async Task TamperAsync(string sql, Guid id)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using (var off = new Npgsql.NpgsqlCommand("SET session_replication_role = replica", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new Npgsql.NpgsqlCommand(statement.Replace("__schema__", db.Schema, StringComparison.Ordinal), connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
            await command.ExecuteNonQueryAsync();
        }

        await using var on = new Npgsql.NpgsqlCommand("SET session_replication_role = origin", connection);
        await on.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_untouched_stream_verifies_intact()
    {
        var id = await StreamOfFiveAsync();

        var integrity = await db.Store.VerifyStreamAsync(id);

        Assert.True(integrity.Intact);
        Assert.Equal(5, integrity.EventsChecked);
    }

    [Fact]
    public async Task Each_event_is_chained_to_the_one_before()
    {
        var id = await StreamOfFiveAsync();

        var distinctHashes = await db.ScalarAsync<long>("SELECT count(DISTINCT hash) FROM __schema__.events WHERE stream_id = $1", id);
        var head = await db.ScalarAsync<byte[]>("SELECT last_hash FROM __schema__.streams WHERE id = $1", id);
        var last = await db.ScalarAsync<byte[]>("SELECT hash FROM __schema__.events WHERE stream_id = $1 AND version = 5", id);

        Assert.Equal(5, distinctHashes);
        Assert.Equal(32, head!.Length);
        Assert.Equal(head, last);
    }

    [Fact]
    public async Task Altered_data_is_found_at_its_version()
    {
        var id = await StreamOfFiveAsync();

        await TamperAsync("UPDATE __schema__.events SET data = '{\"text\":\"rewritten\"}' WHERE stream_id = $1 AND version = 3", id);
        var integrity = await db.Store.VerifyStreamAsync(id);

        Assert.Equal(3, integrity.FirstBrokenVersion);
        Assert.Equal(2, integrity.EventsChecked);
        Assert.Contains("hash", integrity.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_metadata_or_recorded_time_is_found()
    {
        var metadata = await StreamOfFiveAsync();
        var recorded = await StreamOfFiveAsync();

        await TamperAsync("UPDATE __schema__.events SET metadata = '{\"recordedBy\":\"someone else\"}' WHERE stream_id = $1 AND version = 1", metadata);
        await TamperAsync("UPDATE __schema__.events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = $1 AND version = 4", recorded);

        Assert.Equal(1, (await db.Store.VerifyStreamAsync(metadata)).FirstBrokenVersion);
        Assert.Equal(4, (await db.Store.VerifyStreamAsync(recorded)).FirstBrokenVersion);
    }

    [Fact]
    public async Task A_deleted_event_or_a_deleted_tail_is_found()
    {
        var middle = await StreamOfFiveAsync();
        var tail = await StreamOfFiveAsync();

        await TamperAsync("DELETE FROM __schema__.events WHERE stream_id = $1 AND version = 2", middle);
        await TamperAsync("DELETE FROM __schema__.events WHERE stream_id = $1 AND version = 5", tail);
        var gap = await db.Store.VerifyStreamAsync(middle);
        var cut = await db.Store.VerifyStreamAsync(tail);

        Assert.Equal((2L, "event missing from the stream"), (gap.FirstBrokenVersion!.Value, gap.Problem));
        Assert.Equal(5, cut.FirstBrokenVersion);
        Assert.Contains("head", cut.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rehashed_event_still_breaks_the_link_to_its_successor()
    {
        var id = await StreamOfFiveAsync();

        await TamperAsync("""
            UPDATE __schema__.events SET data = '{"text":"rewritten"}' WHERE stream_id = $1 AND version = 2;
            UPDATE __schema__.events e SET hash = __schema__.event_hash(p.hash, e.stream_id, e.version, e.type, e.data, e.metadata, e.recorded_at)
            FROM __schema__.events p WHERE e.stream_id = $1 AND e.version = 2 AND p.stream_id = $1 AND p.version = 1
            """, id);

        Assert.Equal(3, (await db.Store.VerifyStreamAsync(id)).FirstBrokenVersion);
    }
}
