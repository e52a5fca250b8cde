using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Npgsql;

namespace AttackTracker.Api.Tests.Exchange;

/// <summary>
/// <c>import FORMAT FILE</c> for the data sets beside the GTD (issue 23, docs/datasets.md): each
/// sample file through the command line, in its charset, with the summary on standard output and
/// the refused rows by line and column.
/// </summary>
public sealed class DatasetCommandLineTests : IAsyncLifetime
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

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string format, string sample, params string[] options)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = _connectionString,
            ["EventStore__Schema"] = _schema,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        return Repository.RunAsync("dotnet", [Repository.ApiDll, "import", format, SampleFiles.FilePath(sample), .. options], environment, TimeSpan.FromSeconds(180));
    }

    /// <summary>An import of a sample: each has bad rows on purpose, so the command ends with 1 (rows refused) and its summary.</summary>
    private async Task<JsonNode> ImportAsync(string format, string sample, params string[] options)
    {
        var (exitCode, output, errors) = await RunAsync(format, sample, options);
        Assert.True(exitCode == 1, $"{exitCode}: {errors}");
        return JsonNode.Parse(output)!;
    }

    private static (long Rows, long Imported, long Unchanged, long Rejected) Counts(JsonNode summary) =>
        ((long)summary["rows"]!, (long)summary["imported"]!, (long)summary["unchanged"]!, (long)summary["rejected"]!);

    private static List<(int Line, string Column)> Rejections(JsonNode summary) =>
        [.. summary["rejections"]!.AsArray().Select(r => ((int)r!["line"]!, (string)r["column"]!)).OrderBy(r => r.Item1)];

    [Fact]
    public async Task Each_data_set_imports_from_the_command_line_in_its_charset_refusing_bad_rows_by_line_and_column_and_again_adds_nothing()
    {
        var ucdp = await ImportAsync("ucdp", "ucdp-ged-sample.csv", "--source", "UCDP GED", "--release", "2024-06");
        var rand = await ImportAsync("rand", "rand-rdwti-sample.csv", "--source", "RAND RDWTI", "--release", "2012-04", "--encoding", "windows-1252");
        var acled = await ImportAsync("acled", "acled-sample.csv", "--source", "ACLED", "--release", "2023-03", "--withdraw-missing");
        var again = await ImportAsync("rand", "rand-rdwti-sample.csv", "--source", "RAND RDWTI", "--release", "2012-04", "--encoding", "windows-1252");

        Assert.Equal((11L, 7L, 0L, 4L), Counts(ucdp));
        Assert.Equal([(8, "low"), (9, "date_end"), (10, "country"), (12, "type_of_violence")], Rejections(ucdp));
        Assert.Equal((12L, 8L, 0L, 4L), Counts(rand));
        Assert.Equal([(10, "Injuries"), (11, "Date"), (12, "Country"), (13, "Injuries")], Rejections(rand));
        Assert.Equal((8L, 5L, 0L, 3L), Counts(acled));
        Assert.Equal([(7, "timestamp"), (8, "fatalities"), (9, "inter1")], Rejections(acled));
        // The export's own rows are all there: nothing of its countries and days is missing.
        Assert.Equal(0L, (long)acled["withdrawn"]!);
        Assert.Equal((12L, 0L, 8L, 4L), Counts(again));
    }

    [Fact]
    public async Task Withdraw_missing_is_refused_by_name_for_a_data_set_without_versions()
    {
        var (exitCode, output, errors) = await RunAsync("ucdp", "ucdp-ged-sample.csv", "--source", "UCDP GED", "--release", "2024-06", "--withdraw-missing");

        Assert.Equal((2, string.Empty), (exitCode, output));
        Assert.Contains("--withdraw-missing", errors, StringComparison.Ordinal);
    }
}
