using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Tests.Admin;

/// <summary>
/// The admin verbs as a shell uses them: standard output holds only the result, so
/// <c>KEY=$(… keys add …)</c> and <c>… verify | jq</c> work; logs and messages go to standard error.
/// </summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _schema = "cli_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _restored = "cli_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() =>
        _connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");

    public async Task DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE; DROP SCHEMA IF EXISTS \"{_restored}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) => RunInAsync(_schema, arguments);

    private Task<(int ExitCode, string Output, string Errors)> RunInAsync(string schema, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["EventStore__Schema"] = schema,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        return Repository.RunAsync("dotnet", [Repository.ApiDll, .. arguments], environment, TimeSpan.FromSeconds(180));
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
    public async Task The_exchange_verbs_print_only_the_csv_the_archive_or_the_json_and_a_changed_archive_is_refused_by_line()
    {
        var csv = Path.GetTempFileName();
        var archive = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(csv, "eventid,iyear,imonth,iday,country_txt,city,nkill,gname,claimed,title\r\n201512310001,2015,12,31,France,Lille,2,A Group,1,Test incident\r\n");
            var (imported, summary, importErrors) = await RunAsync("import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06");
            Assert.True(imported == 0, importErrors);
            Assert.Equal(1, (int)JsonNode.Parse(summary)!["imported"]!);

            var (exported, rows, _) = await RunAsync("export", "gtd", "--country", "FR");
            Assert.Equal(0, exported);
            var lines = rows.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("eventid,iyear,", lines[0], StringComparison.Ordinal);
            Assert.Contains(",A Group,,,1,2,,,,", lines[1], StringComparison.Ordinal);

            var (archived, log, _) = await RunAsync("export", "events");
            Assert.Equal(0, archived);
            Assert.All(log.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => JsonNode.Parse(l));

            await File.WriteAllTextAsync(archive, log.Replace("Lille", "Lile", StringComparison.Ordinal));
            var (refused, nothing, why) = await RunInAsync(_restored, "restore", archive);
            Assert.Equal((1, string.Empty), (refused, nothing));
            Assert.Matches("Refused: line [0-9]+: its hash does not match its content", why);

            await File.WriteAllTextAsync(archive, log);
            var (restored, result, restoreErrors) = await RunInAsync(_restored, "restore", archive);
            Assert.True(restored == 0, restoreErrors);
            Assert.Equal(1, (int)JsonNode.Parse(result)!["viewsCompared"]!);
            // One daemon rebuilds the read models; a second would make JasperFx warn (issue 21).
            Assert.DoesNotContain("more than one projection daemon", restoreErrors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task Rebuild_prints_its_result_on_standard_output_and_each_parts_rate_and_time_left_on_standard_error()
    {
        var csv = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(csv, "eventid,iyear,imonth,iday,country_txt,city,nkill,gname,claimed,title\r\n201512310001,2015,12,31,France,Lille,2,A Group,1,One\r\n201512300001,2015,12,30,France,Lyon,3,B Group,1,Two\r\n");
            var (imported, _, importErrors) = await RunAsync("import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06");
            Assert.True(imported == 0, importErrors);

            var (rebuilt, result, errors) = await RunAsync("rebuild");

            Assert.True(rebuilt == 0, errors);
            var answer = JsonNode.Parse(result)!;
            Assert.Equal(2, (int)answer["incidents"]!);
            Assert.Equal("incident_stats,read_models", string.Join(',', answer["parts"]!.AsArray().Select(p => (string)p!["part"]!).Order(StringComparer.Ordinal)));
            Assert.Matches(@"read models: ([0-9]+)/\1 events, 0 left; [0-9]+ events/s, about 0 s left", errors);
            Assert.Matches(@"statistics: ([0-9]+)/\1 events, 0 left; [0-9]+ events/s, about 0 s left", errors);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task The_admin_wrapper_runs_the_release_build_the_run_command_made_without_building_a_debug_copy()
    {
        var debug = Path.Combine(Repository.Root, "src/AttackTracker.Api/bin/Debug/net10.0/AttackTracker.Api.dll");
        var debugBefore = File.Exists(debug) ? File.GetLastWriteTimeUtc(debug) : (DateTime?)null;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["EventStore__Schema"] = _schema,
        };
        var wrapper = Path.Combine(Repository.Root, "src", "tools", "attacktracker.sh");

        var (added, key, addErrors) = await Repository.RunAsync("bash", [wrapper, "keys", "add", "cli-wrapper", "reader"], environment, TimeSpan.FromSeconds(300));
        var (listed, list, listErrors) = await Repository.RunAsync("bash", [wrapper, "keys", "list"], environment, TimeSpan.FromSeconds(300));

        Assert.True(added == 0, addErrors);
        Assert.Matches("^atk_[A-Za-z0-9_-]{40,}$", key);
        Assert.True(listed == 0, listErrors);
        Assert.StartsWith("cli-wrapper\treader\tcreated ", list, StringComparison.Ordinal);
        Assert.Equal(debugBefore, File.Exists(debug) ? File.GetLastWriteTimeUtc(debug) : null);
        if (Repository.Configuration == "Release")
        {
            // The tests run the Release build: it is current, so the wrapper only ran it.
            Assert.DoesNotContain("Building", addErrors + listErrors, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_reads_a_file_in_its_declared_charset_with_progress_and_refuses_an_undeclared_one_by_line()
    {
        var csv = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(csv, System.Text.Encoding.Latin1.GetBytes(
                "eventid,iyear,imonth,iday,country_txt,city,nkill\n201803230001,2018,3,23,France,Trèbes,4\n201803230002,2018,3,23,France,Carcassonne,1\n201803230003,2018,3,23,France,Trèbes,0\n"));

            var (refused, nothing, why) = await RunAsync("import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06");
            Assert.Equal((1, string.Empty), (refused, nothing));
            Assert.Contains("line 2", why, StringComparison.Ordinal);
            Assert.Contains("--encoding windows-1252", why, StringComparison.Ordinal);

            var (imported, summary, progress) = await RunAsync("import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06", "--encoding", "windows-1252");
            Assert.True(imported == 0, progress);
            var result = JsonNode.Parse(summary)!;
            Assert.Equal((3, 3, 0), ((int)result["rows"]!, (int)result["imported"]!, (int)result["rejected"]!));
            Assert.Contains("3/3 rows read: 3 imported, 0 unchanged, 0 rejected", progress, StringComparison.Ordinal);

            var (again, rerun, _) = await RunAsync("import", "gtd", csv, "--source", "Global Terrorism Database", "--release", "2021-06", "--encoding", "windows-1252");
            Assert.Equal((0, 0, 3), (again, (int)JsonNode.Parse(rerun)!["imported"]!, (int)JsonNode.Parse(rerun)!["unchanged"]!));
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task A_wrong_verb_says_how_to_use_it_on_standard_error_and_fails()
    {
        var (exit, output, errors) = await RunAsync("keys", "add", "someone", "overlord");

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("'overlord'", errors, StringComparison.Ordinal);
        Assert.Contains("Must be one of", errors, StringComparison.Ordinal);
        Assert.Contains("'editor'", errors, StringComparison.Ordinal);
        Assert.Contains("--help", errors, StringComparison.Ordinal);
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

        var (exit, _, errors) = await Repository.RunAsync("bash", [Path.Combine(Repository.Root, "src", "tools", "run.sh")], environment, TimeSpan.FromSeconds(120));

        Assert.Equal(1, exit);
        Assert.Equal($"Port {port} is already in use. Choose another: ATTACKTRACKER_URLS=http://localhost:5081 bash src/tools/run.sh", errors);
    }
}
