using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Tests;

/// <summary>
/// The admin verbs as a shell uses them: standard output holds only the result, so
/// <c>KEY=$(… keys add …)</c> and <c>… verify | jq</c> work; logs and messages go to standard error.
/// </summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _schema = "cli_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() =>
        _connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");

    public async Task DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["EventStore__Schema"] = _schema,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        return Repository.RunAsync("dotnet", [Repository.ApiDll, .. arguments], environment, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Keys_add_prints_only_the_key_and_verify_prints_only_json()
    {
        var (added, key, addErrors) = await RunAsync("keys", "add", "cli-newsroom", "analyst");
        var (verified, report, _) = await RunAsync("verify");
        var (listed, list, _) = await RunAsync("keys", "list");

        Assert.True(added == 0, addErrors);
        Assert.Matches("^atk_[A-Za-z0-9_-]{40,}$", key);
        Assert.Contains("created", addErrors, StringComparison.Ordinal);
        Assert.Equal(0, verified);
        Assert.True((bool)JsonNode.Parse(report)!["consistent"]!, report);
        Assert.Equal(0, listed);
        Assert.StartsWith("cli-newsroom\tanalyst\tcreated ", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_verb_says_how_to_use_it_on_standard_error_and_fails()
    {
        var (exit, output, errors) = await RunAsync("keys", "add", "someone", "overlord");

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("usage: keys add NAME reader|analyst|editor", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_command_names_a_taken_port_in_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["ATTACKTRACKER_URLS"] = $"http://localhost:{port}",
        };

        var (exit, _, errors) = await Repository.RunAsync("bash", [Path.Combine(Repository.Root, "src", "tools", "run.sh")], environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.Equal($"Port {port} is already in use. Choose another: ATTACKTRACKER_URLS=http://localhost:5081 bash src/tools/run.sh", errors);
    }
}
