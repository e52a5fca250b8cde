using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Tests.Health;

/// <summary>
/// The service's first start as a newcomer sees it (README): a short log that ends with the
/// address, the sample incident and the development key; and a database that does not exist yet,
/// created when the login may, or named in one line with what to run.
/// </summary>
public sealed class StartupTests : IAsyncLifetime
{
    private readonly string _schema = "start_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _database = "attacktracker_new_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _login = "attacktracker_nocreatedb_" + Guid.NewGuid().ToString("N")[..8];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() =>
        _connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");

    public async Task DisposeAsync()
    {
        await ServiceProcess.DropSchemaAsync(_connectionString, _schema);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
        await using var role = dataSource.CreateCommand($"DROP ROLE IF EXISTS \"{_login}\"");
        await role.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_start_up_log_is_short_and_ends_with_the_address_the_sample_incident_and_the_development_key()
    {
        // The default log levels of appsettings*.json: nothing in the environment turns them down.
        await using var service = await ServiceProcess.StartAsync(_connectionString, new Dictionary<string, string>
        {
            ["EventStore__Schema"] = _schema,
            ["Samples__Load"] = "true",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Information",
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!service.Output.Any(l => l.Contains("X-Api-Key", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var log = service.Output;
        var address = service.Address.ToString().TrimEnd('/');
        Assert.True(log.Count <= 20, $"{log.Count} lines:\n{string.Join('\n', log)}");
        Assert.DoesNotContain(log, l => l.Contains("Marten.Events.Daemon", StringComparison.Ordinal) || l.Contains("Wolverine.", StringComparison.Ordinal));
        var block = log.SkipWhile(l => !l.StartsWith("AttackTracker is ready", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, block.Count);
        Assert.Contains(address + "/", block[0], StringComparison.Ordinal);
        Assert.EndsWith($"{address}/incidents/f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b", block[1], StringComparison.Ordinal);
        Assert.EndsWith($"curl -s {address}/api/incidents/f0d76bc7-c1f7-8ecd-aac6-b6efe755b63b", block[2], StringComparison.Ordinal);
        Assert.EndsWith("atk_development_only_not_for_production_0001", block[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_created_when_the_login_may()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { Database = _database }.ConnectionString;

        var (exit, output, errors) = await Repository.RunAsync("dotnet", [Repository.ApiDll, "keys", "list"], Settings(connectionString), TimeSpan.FromSeconds(180));

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"The database {_database} did not exist", errors, StringComparison.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT current_database()");
        Assert.Equal(_database, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_login_that_may_not_create_the_missing_database_is_told_in_one_line_what_to_run()
    {
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        {
            await using var create = dataSource.CreateCommand($"CREATE ROLE \"{_login}\" LOGIN NOCREATEDB NOSUPERUSER");
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { Database = _database, Username = _login, Password = null }.ConnectionString;
        var settings = Settings(connectionString);
        var url = $"http://127.0.0.1:{Repository.FreePort()}";

        var service = await Repository.RunAsync("dotnet", [Repository.ApiDll, "--urls", url], settings, TimeSpan.FromSeconds(180));
        var verb = await Repository.RunAsync("dotnet", [Repository.ApiDll, "keys", "list"], settings, TimeSpan.FromSeconds(180));

        foreach (var (exit, _, errors) in new[] { service, verb })
        {
            Assert.Equal(1, exit);
            var line = Assert.Single(errors.Split('\n'), l => l.Contains(_database, StringComparison.Ordinal));
            Assert.StartsWith($"The database \"{_database}\" does not exist, and the login {_login} may not create it.", line, StringComparison.Ordinal);
            Assert.Contains($"createdb -h ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        }
    }

    private Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["ConnectionStrings__EventStore"] = connectionString,
        ["EventStore__Schema"] = _schema,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };
}
