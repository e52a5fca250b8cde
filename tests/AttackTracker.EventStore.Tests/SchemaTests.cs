using Npgsql;

namespace AttackTracker.EventStore.Tests;

public sealed class SchemaTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Migrations_are_recorded_and_applied_once()
    {
        var again = await db.Store.MigrateAsync();

        Assert.Empty(again);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM __schema__.schema_migrations WHERE module = 'event_store' AND version = 1"));
    }

    [Fact]
    public async Task Instances_starting_together_migrate_a_new_schema_once()
    {
        var schema = "es_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var stores = Enumerable.Range(0, 4).Select(_ => new EventStore(db.DataSource, new EventStoreOptions { Schema = schema })).ToList();

            var applied = await Task.WhenAll(stores.Select(s => s.MigrateAsync()));

            Assert.Single(applied, a => a.Count > 0);
        }
        finally
        {
            await using var drop = db.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Stored_events_cannot_be_updated_deleted_or_truncated()
    {
        var id = Guid.NewGuid();
        await db.Store.StartStreamAsync(id, "incident", TestEvents.Notes(1));

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<object>("UPDATE __schema__.events SET data = '{}' WHERE stream_id = $1", id));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<object>("DELETE FROM __schema__.events WHERE stream_id = $1", id));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<object>("TRUNCATE __schema__.events"));

        Assert.All([update, delete, truncate], ex => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState));
        Assert.Equal(new NoteAdded("note 1"), (await db.Store.ReadStreamAsync(id).SingleAsync()).Data);
    }
}
