using System.Globalization;

namespace AttackTracker.Benchmarks;

/// <summary>The command line. Every phase is bounded in time, so a stuck run never holds its caller.</summary>
public sealed record BenchOptions
{
    public static readonly string[] AllPhases = ["append", "read", "feed", "http", "timetravel", "rebuild", "coldstart", "import", "export", "size", "candidates"];

    public const string Usage = """
        usage: dotnet run -c Release --project tests/AttackTracker.Benchmarks -- [options]

          --pg CONN               Npgsql connection string or postgresql://user[:pw]@host:port/db URL
                                  (default: the repository's private cluster, database attacktracker_bench)
          --results FILE          append TSV lines (peer, metric, configuration, unit, run, value) to FILE
          --runs N                repetitions of every configuration (default 3)
          --seconds S             length of every append and HTTP-write run (default 4)
          --read-seconds S        length of every read run (default: half of --seconds, at least 1)
          --only LIST             comma-separated phases: append,read,feed,http,timetravel,rebuild,coldstart,import,export,size,candidates
                                  (default: all)
          --rebuild-events N      events loaded before the projection rebuild (default 1000000)
          --export-incidents N    incidents (of one report, 10 events) the export phase grows to, in two steps: a tenth, then all (default 100000)
          --size-incidents N      GTD-shaped rows the size phase imports (two releases) before it measures the reads,
                                  rebuilds, exports and verify at that size (default 200000)
          --candidate-incidents N GTD-shaped rows the candidates phase imports (and a tenth as many RAND rows) before it
                                  measures an incident's candidates and the store-wide review list (default 200000)
          --import-rows N         rows the import phase generates and imports per format (default 200000)
          --import-formats LIST   comma-separated formats the import phase runs: gtd,ucdp,rand,acled (default gtd),
                                  so each importer's rate can be set beside the GTD import's
          --reports-per-incident N  reports each HTTP client posts to one incident before it opens the next
                                  (default 20; 0 = one incident per client for the whole run)
          --payload FILE          the ~1 KB event payload (default: <repo>/../shared/peers/payload.json)
          --api-dll FILE          the built API (default: <repo>/src/AttackTracker.Api/bin/Release/net10.0/AttackTracker.Api.dll)
          --keep-schemas          leave the bench_* schemas in place afterwards
        """;

    public string? ConnectionString { get; init; }

    public string? ResultsFile { get; init; }

    public int Runs { get; init; } = 3;

    public double Seconds { get; init; } = 4;

    public double ReadSeconds { get; init; }

    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string>(AllPhases, StringComparer.Ordinal);

    public long RebuildEvents { get; init; } = 1_000_000;

    public int ExportIncidents { get; init; } = 100_000;

    public int ImportRows { get; init; } = 200_000;

    public int SizeIncidents { get; init; } = 200_000;

    public int CandidateIncidents { get; init; } = 200_000;

    public static readonly string[] AllImportFormats = ["gtd", "ucdp", "rand", "acled"];

    public IReadOnlyList<string> ImportFormats { get; init; } = ["gtd"];

    public int ReportsPerIncident { get; init; } = 20;

    public string? PayloadFile { get; init; }

    public string? ApiDll { get; init; }

    public bool KeepSchemas { get; init; }

    public TimeSpan WriteDuration => TimeSpan.FromSeconds(Seconds);

    public TimeSpan ReadDuration => TimeSpan.FromSeconds(ReadSeconds > 0 ? ReadSeconds : Math.Max(1, Seconds / 2));

    public bool Includes(string phase) => Phases.Contains(phase);

    /// <summary>Parses the arguments; returns null and prints why when they are wrong.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(errors);
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                errors.WriteLine(Usage);
                return null;
            }

            if (name == "--keep-schemas")
            {
                options = options with { KeepSchemas = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                errors.WriteLine($"{name} needs a value.{Environment.NewLine}{Usage}");
                return null;
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--pg" => options with { ConnectionString = value },
                    "--results" => options with { ResultsFile = value },
                    "--runs" => options with { Runs = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--seconds" => options with { Seconds = Positive(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--read-seconds" => options with { ReadSeconds = Positive(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--only" => options with { Phases = ParsePhases(value) },
                    "--rebuild-events" => options with { RebuildEvents = Positive(long.Parse(value, CultureInfo.InvariantCulture)) },
                    "--export-incidents" => options with { ExportIncidents = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--size-incidents" => options with { SizeIncidents = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--candidate-incidents" => options with { CandidateIncidents = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--import-rows" => options with { ImportRows = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--import-formats" => options with { ImportFormats = ParseFormats(value) },
                    "--reports-per-incident" => options with { ReportsPerIncident = NotNegative(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--payload" => options with { PayloadFile = value },
                    "--api-dll" => options with { ApiDll = value },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                errors.WriteLine($"{name} {value}: {ex.Message}{Environment.NewLine}{Usage}");
                return null;
            }
        }

        return options;
    }

    private static HashSet<string> ParsePhases(string value)
    {
        var phases = new HashSet<string>(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var unknown = phases.Except(AllPhases).ToList();
        return unknown.Count > 0 || phases.Count == 0
            ? throw new ArgumentException($"phases are {string.Join(',', AllPhases)}; unknown: {string.Join(',', unknown)}")
            : phases;
    }

    private static string[] ParseFormats(string value)
    {
        var formats = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();
        var unknown = formats.Except(AllImportFormats).ToList();
        return unknown.Count > 0 || formats.Length == 0
            ? throw new ArgumentException($"formats are {string.Join(',', AllImportFormats)}; unknown: {string.Join(',', unknown)}")
            : formats;
    }

    private static T Positive<T>(T value) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException("must be more than 0");

    private static T NotNegative<T>(T value) where T : System.Numerics.INumber<T> =>
        value >= T.Zero ? value : throw new ArgumentException("must be 0 or more");
}
