using Npgsql;

namespace AttackTracker.EventStore.Tests;

/// <summary>A schema of its own on a real PostgreSQL for one test class, dropped afterwards.</summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public string Schema { get; } = "es_" + Guid.NewGuid().ToString("N")[..12];

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialized.");

    public EventStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
            ?? await LocalPostgres.StartAsync("attacktracker_tests");
        _dataSource = EventStoreDataSource.Create(connectionString);
        Store = await CreateStoreAsync();
    }

    /// <summary>Another store over the same schema, with its own registry and projections.</summary>
    public async Task<EventStore> CreateStoreAsync(Action<EventStoreOptions>? configure = null)
    {
        var options = new EventStoreOptions { Schema = Schema };
        TestEvents.Register(options.Types);
        configure?.Invoke(options);
        var store = new EventStore(DataSource, options);
        await store.MigrateAsync();
        return store;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("__schema__", Schema, StringComparison.Ordinal));
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        await using (var command = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
