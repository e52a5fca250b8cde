using System.Text.Json;
using AttackTracker.Domain;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// The data exchange verbs (docs/export.md). Each prints only its result on standard output (the
/// CSV, the JSON Lines, or a JSON summary) and everything else on standard error:
/// <c>export gtd [asOf=D] [recordedAsOf=T] [country=FR] [from=D] [to=D]</c>, <c>export events</c>,
/// <c>import gtd FILE SOURCE RELEASE [all]</c>, <c>restore FILE</c>.
/// </summary>
public static class ExchangeCommands
{
    public const string Usage = "usage: export gtd [asOf=D] [recordedAsOf=T] [country=CC] [from=D] [to=D] | export events | import gtd FILE SOURCE RELEASE [all] | restore FILE";

    public static bool IsVerb(string[] args) => args is ["export" or "import" or "restore", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(services);
        var json = new JsonSerializerOptions(IncidentJson.Options) { WriteIndented = true };
        switch (args)
        {
            case ["export", "gtd", .. var options]:
                // A name given twice reads as both values, which the filter refuses, as the endpoint does.
                var query = new QueryCollection(options
                    .Select(o => o.Split('=', 2))
                    .Where(p => p.Length == 2)
                    .GroupBy(p => p[0], StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => new Microsoft.Extensions.Primitives.StringValues([.. g.Select(p => p[1])]), StringComparer.Ordinal));
                var errors = new ValidationErrors();
                if (options.Any(o => !o.Contains('=', StringComparison.Ordinal)) || ExportGtdEndpoint.Read(query, errors) is not { } filter)
                {
                    Console.Error.WriteLine(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}").DefaultIfEmpty(Usage)));
                    return 2;
                }

                await using (var output = Console.OpenStandardOutput())
                {
                    var rows = await services.GetRequiredService<GtdExporter>().WriteAsync(output, filter, CancellationToken.None);
                    Console.Error.WriteLine($"{rows} incidents exported.");
                }

                return 0;
            case ["export", "events"]:
                await using (var output = Console.OpenStandardOutput())
                {
                    var events = await services.GetRequiredService<ArchiveExporter>().ExportAsync(output, CancellationToken.None);
                    Console.Error.WriteLine($"{events} events exported.");
                }

                return 0;
            case ["import", "gtd", var file, var source, var release, .. var rest] when rest is [] or ["all"]:
                var checks = new ValidationErrors();
                var dataset = checks.Text("SOURCE", source, Limits.NameLength, required: true);
                if (checks.Time("RELEASE", release, TimeProvider.System.GetUtcNow(), required: true) is { Precision: > TimePrecision.Day })
                {
                    checks.Add("RELEASE", "must be a date: YYYY, YYYY-MM or YYYY-MM-DD.");
                }

                if (!checks.IsEmpty)
                {
                    Console.Error.WriteLine(string.Join("; ", checks.ToDictionary().Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
                    return 2;
                }

                try
                {
                    using var text = new StreamReader(file, GtdImporter.Utf8);
                    var result = await services.GetRequiredService<GtdImporter>().ImportAsync(
                        text, dataset!, release, rest is ["all"] ? ImportMode.All : ImportMode.Rows, "import-command", throughOutbox: false, CancellationToken.None);
                    Console.WriteLine(JsonSerializer.Serialize(result, json));
                    return result.Rejected.Count == 0 ? 0 : 1;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
                {
                    Console.Error.WriteLine($"Cannot read {file}: {ex.Message}");
                    return 1;
                }

            case ["restore", var file]:
                try
                {
                    var restored = await services.GetRequiredService<EventArchive>().RestoreAsync(() => new StreamReader(file, GtdImporter.Utf8), CancellationToken.None);
                    Console.WriteLine(JsonSerializer.Serialize(restored, json));
                    return 0;
                }
                catch (ArchiveException ex)
                {
                    Console.Error.WriteLine($"Refused: {ex.Message}");
                    return 1;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
                {
                    Console.Error.WriteLine($"Cannot read {file}: {ex.Message}");
                    return 1;
                }

            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
