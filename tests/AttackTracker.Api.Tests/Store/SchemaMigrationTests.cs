using AttackTracker.Api.Store;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttackTracker.Api.Tests.Store;

/// <summary>The start's migration (Store/SchemaMigrator.cs) on a store that has everything already.</summary>
public sealed class SchemaMigrationTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Migrating_again_drops_and_rebuilds_no_index_the_project_keeps_on_martens_tables()
    {
        await host.OpenIncident();
        var before = await IndexesAsync();
        Assert.Contains(before, i => i.Name.EndsWith(".listing_search", StringComparison.Ordinal));
        Assert.Contains(before, i => i.Name.EndsWith(".listing_by_country_date", StringComparison.Ordinal));

        await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);

        // The same indexes with the same object ids: none was dropped and built again.
        Assert.Equal(before, await IndexesAsync());
    }

    private async Task<List<(string Name, uint Oid)>> IndexesAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT i.indexrelid::regclass::text, i.indexrelid::oid FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host.Schema });
        var indexes = new List<(string, uint)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetFieldValue<uint>(1)));
        }

        return indexes;
    }
}
