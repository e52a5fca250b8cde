using Npgsql;

namespace AttackTracker.Benchmarks;

/// <summary>Administrative SQL on the benchmark's own schemas (all named bench_*), through the login role.</summary>
public sealed class Database(NpgsqlDataSource admin)
{
    public NpgsqlDataSource Admin { get; } = admin;

    public static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Admin.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var command = Admin.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task DropSchemaAsync(string schema, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE", cancellationToken);

    /// <summary>Flushes dirty pages so that every measured run starts alike, as the peers' runs do.</summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => ExecuteAsync("CHECKPOINT", cancellationToken);

    public async Task<IReadOnlyList<string>> BenchSchemasAsync(CancellationToken cancellationToken)
    {
        await using var command = Admin.CreateCommand("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench\\_%' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
