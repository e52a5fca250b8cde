using System.CommandLine;
using System.Text.Json;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using Microsoft.Extensions.Primitives;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// The data exchange verbs (docs/export.md): <c>export gtd</c>, <c>export events</c>,
/// <c>import FORMAT FILE</c> and <c>restore FILE</c>. Each prints only its result on standard output
/// (the CSV, the JSON Lines, or a JSON summary) and everything else, progress included, on standard error.
/// </summary>
public static class ExchangeCommands
{
    public static IEnumerable<Command> Commands(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        yield return Export(services);
        yield return Import(services);
        yield return Restore(services);
    }

    private static readonly string[] ExportFilters = ["asOf", "recordedAsOf", "country", "from", "to"];

    private static JsonSerializerOptions Json { get; } = new(IncidentJson.Options) { WriteIndented = true };

    private static Command Export(IServiceProvider services)
    {
        var filters = ExportFilters
            .Select(name => new Option<string>("--" + name) { Description = $"As the API's {name} (GET /api/export/gtd.csv)." })
            .ToList();
        var gtd = new Command("gtd", "Every incident as one GTD-shaped CSV row, as of any point.");
        filters.ForEach(gtd.Options.Add);
        gtd.SetAction(async (parse, cancellationToken) =>
        {
            var query = new QueryCollection(filters
                .Where(o => parse.GetValue(o) is not null)
                .ToDictionary(o => o.Name.TrimStart('-'), o => new StringValues(parse.GetValue(o)), StringComparer.Ordinal));
            var errors = new ValidationErrors();
            if (ExportGtdEndpoint.Read(query, errors) is not { } filter)
            {
                return Admin.CommandLine.Refuse(errors);
            }

            await using var output = Console.OpenStandardOutput();
            var rows = await services.GetRequiredService<GtdExporter>().WriteAsync(output, filter, cancellationToken);
            Console.Error.WriteLine($"{rows} incidents exported.");
            return 0;
        });

        var events = new Command("events", "The event log as JSON Lines, every event with its hash-chain link (restore takes it back).");
        events.SetAction(async (_, cancellationToken) =>
        {
            await using var output = Console.OpenStandardOutput();
            var count = await services.GetRequiredService<ArchiveExporter>().ExportAsync(output, cancellationToken);
            Console.Error.WriteLine($"{count} events exported.");
            return 0;
        });
        return new Command("export", "Writes the record out.") { gtd, events };
    }

    private static Command Import(IServiceProvider services)
    {
        var formats = services.GetRequiredService<ImportFormats>();
        var format = new Argument<string>("FORMAT") { Description = $"The file's layout: {string.Join(", ", formats.Names.Order(StringComparer.Ordinal))}." };
        format.AcceptOnlyFromAmong([.. formats.Names]);
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV as the data set publishes it." };
        var source = new Option<string>("--source") { Description = "The data set, recorded as the reports' source (e.g. \"Global Terrorism Database\").", Required = true };
        var release = new Option<string>("--release") { Description = "The release's publication date (YYYY, YYYY-MM or YYYY-MM-DD).", Required = true };
        var mode = new Option<string>("--mode") { Description = "rows: write the good rows and list the others; all: write nothing if any row is refused.", DefaultValueFactory = _ => "rows" };
        mode.AcceptOnlyFromAmong("rows", "all");
        var encoding = new Option<string>("--encoding") { Description = $"The file's charset: {string.Join(", ", TextDecoding.Names)} (the GTD as START publishes it is windows-1252).", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong([.. TextDecoding.Names]);
        var withdraw = new Option<bool>("--withdraw-missing")
        {
            Description = $"The file is a full export of a data set that versions its rows ({string.Join(", ", formats.Versioned.Order(StringComparer.Ordinal))}): "
                + "once its rows are in, withdraw the data set's rows in its countries and days that it lacks, as of the release.",
        };
        var import = new Command("import", "Imports a data set's file as reports, in batches, showing progress; importing it again completes it without duplicates.")
        {
            format, file, source, release, mode, encoding, withdraw,
        };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new ValidationErrors();
            var dataset = errors.Text("--source", parse.GetValue(source), Limits.NameLength, required: true);
            if (errors.Time("--release", parse.GetValue(release), TimeProvider.System.GetUtcNow(), required: true) is { Precision: > TimePrecision.Day })
            {
                errors.Add("--release", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD.");
            }

            // The option accepts only the names TextDecoding knows.
            _ = TextDecoding.TryParse(parse.GetValue(encoding), out var charset);
            if (parse.GetValue(withdraw) && !formats.Find(parse.GetValue(format)!).Versioned)
            {
                errors.Add("--withdraw-missing", $"applies to a data set that versions its rows ({string.Join(", ", formats.Versioned.Order(StringComparer.Ordinal))}).");
            }

            if (!errors.IsEmpty)
            {
                return Admin.CommandLine.Refuse(errors);
            }

            var request = new ImportRequest(
                parse.GetValue(format)!, dataset!, parse.GetValue(release)!, parse.GetValue(mode) == "all" ? ImportMode.All : ImportMode.Rows, charset, parse.GetValue(withdraw));
            return await ImportCommand.RunAsync(services, parse.GetValue(file)!, request, cancellationToken);
        });
        return import;
    }

    private static Command Restore(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An archive written by export events." };
        var restore = new Command("restore", "Restores an archive into an empty database, checking every link of the hash chain before anything is written.") { file };
        restore.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!.FullName;
            try
            {
                var restored = await services.GetRequiredService<EventArchive>().RestoreAsync(() => new StreamReader(path, TextDecoding.StrictEncoding(TextCharset.Utf8)), cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(restored, Json));
                return 0;
            }
            catch (ArchiveException ex)
            {
                Console.Error.WriteLine($"Refused: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
            {
                Console.Error.WriteLine($"Cannot read {path}: {ex.Message}");
                return 1;
            }
        });
        return restore;
    }

    internal static string Summary<T>(T result) => JsonSerializer.Serialize(result, Json);
}
