using System.Text;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using CsvHelper;

namespace AttackTracker.Api.Exchange;

/// <summary>Per row (the default): good rows are written, bad ones listed. All: one bad row and nothing is written.</summary>
public enum ImportMode
{
    Rows,
    All,
}

public sealed record ImportResult(int Rows, int Imported, int Unchanged, IReadOnlyList<GtdRowError> Rejected, IReadOnlyList<ImportedRow> Incidents, bool Written);

/// <summary>
/// A GTD-shaped CSV into the record: each row opens its incident (or finds it by id) and becomes
/// one report from the data set's release, through the same decisions and appender as the API.
/// A row already imported (the same report title: release, eventid and a digest of its cells) adds nothing.
/// </summary>
public sealed class GtdImporter(ImportWriter writer, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ImportResult> ImportAsync(
        TextReader input, string dataset, string release, ImportMode mode, string recordedBy, CancellationToken cancellationToken)
    {
        var errors = new List<GtdRowError>();
        var rows = new List<GtdRow>();
        var count = 0;
        using (var csv = new CsvReader(input, GtdExporter.Csv))
        {
            try
            {
                if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } raw)
                {
                    return new ImportResult(0, 0, 0, [new GtdRowError(1, "eventid", "The file has no header line.")], [], false);
                }

                // A byte order mark (Excel's "CSV UTF-8") is not part of the first name.
                var header = raw.Select((name, i) => (i == 0 ? name.TrimStart('\uFEFF') : name).Trim()).ToArray();
                if (Header(header) is { } problem)
                {
                    return new ImportResult(0, 0, 0, [problem], [], false);
                }

                while (await csv.ReadAsync())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (++count > MaxRows)
                    {
                        errors.Add(new GtdRowError(csv.Parser.RawRow, "eventid", $"A file holds at most {MaxRows} rows; split it."));
                        break;
                    }

                    // Only the cells the row has: a short row's missing cells are empty.
                    var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                    var present = Math.Min(header.Length, csv.Parser.Count);
                    for (var i = 0; i < present; i++)
                    {
                        cells[header[i]] = csv.Parser[i];
                    }

                    if (GtdImport.Read(csv.Parser.RawRow, cells, dataset, release, errors) is { } row)
                    {
                        rows.Add(row);
                    }
                }
            }
            catch (CsvHelperException ex)
            {
                errors.Add(new GtdRowError(ex.Context?.Parser?.RawRow ?? 0, "eventid", $"The CSV cannot be read here: {ex.GetType().Name.Replace("Exception", string.Empty, StringComparison.Ordinal)}."));
            }
        }

        var now = clock.GetUtcNow();
        var decided = new List<ImportRow>();
        foreach (var row in rows)
        {
            var rowErrors = new ValidationErrors();
            var opened = OpenIncident.Decide(row.IncidentId, row.Incident, now, rowErrors);
            var report = ReportValidation.Validate(row.IncidentId, row.Report, now, rowErrors);
            foreach (var (path, messages) in rowErrors.ToDictionary())
            {
                errors.AddRange(messages.Select(m => new GtdRowError(row.Line, Column(path), m)));
            }

            if (opened is not null && report is not null)
            {
                decided.Add(new ImportRow(row.Line, row.EventId, row.IncidentId, opened, report));
            }
        }

        if (mode == ImportMode.All && errors.Count > 0)
        {
            return new ImportResult(count, 0, 0, errors, [], false);
        }

        var outcomes = new List<ImportedRow>();
        var origin = new WriteOrigin(recordedBy, $"import:{dataset} {release}");
        foreach (var batch in decided.Chunk(ImportWriter.BatchRows))
        {
            await writer.WriteAsync(batch, origin, outcomes, errors, cancellationToken);
        }

        return new ImportResult(
            count,
            outcomes.Count(o => o.ReportId is not null),
            outcomes.Count(o => o.ReportId is null),
            errors,
            outcomes,
            outcomes.Any(o => o.ReportId is not null));
    }

    public const int MaxColumns = 256;

    /// <summary>A header the import cannot trust: too wide, a column without a name, or a name twice.</summary>
    private static GtdRowError? Header(string[] header)
    {
        if (header.Length > MaxColumns)
        {
            return new GtdRowError(1, header[MaxColumns], $"A file has at most {MaxColumns} columns.");
        }

        if (Array.FindIndex(header, h => h.Length == 0) is var empty and >= 0)
        {
            return new GtdRowError(1, $"column {empty + 1}", "has no name in the header line.");
        }

        return header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? new GtdRowError(1, twice.Key, "appears twice in the header line.")
            : null;
    }

    /// <summary>The column a validation path came from.</summary>
    private static string Column(string path) => path switch
    {
        "title" => "title",
        "occurredOn" => "iyear",
        "country" => "country_iso2",
        "place" => "city",
        "summary" => "summary",
        _ when path.Contains("killed", StringComparison.OrdinalIgnoreCase) => "nkill",
        _ when path.Contains("wounded", StringComparison.OrdinalIgnoreCase) => "nwound",
        _ when path.Contains("claimant", StringComparison.Ordinal) || path.Contains("affiliation", StringComparison.Ordinal) => "gname",
        _ when path.Contains("city", StringComparison.Ordinal) => "city",
        _ when path.Contains("region", StringComparison.Ordinal) => "provstate",
        _ => path,
    };

    public static Encoding Utf8 { get; } = new UTF8Encoding(false, throwOnInvalidBytes: true);
}
