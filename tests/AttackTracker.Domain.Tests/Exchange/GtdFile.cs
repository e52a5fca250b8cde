using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Tests.Exchange;

/// <summary>
/// A GTD-shaped file read as an import reads it: bytes decoded in the declared charset, records
/// by <see cref="CsvRecordReader"/>, names by <see cref="CsvHeader"/>, each row mapped by
/// <see cref="GtdImport.Read"/> and then checked by the same decisions the API runs.
/// </summary>
internal static class GtdFile
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Stream Sample(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Exchange", "Samples", name));

    public static async Task<(List<GtdRow> Rows, List<GtdRowError> Errors)> ReadAsync(Stream bytes, TextCharset charset, string release = "2018-07")
    {
        using var text = TextDecoding.Open(bytes, charset);
        var reader = new CsvRecordReader(text);
        var errors = new List<GtdRowError>();
        var rows = new List<GtdRow>();
        var header = CsvHeader.Read((await reader.ReadAsync())!, out var problem) ?? throw new InvalidOperationException(problem!.ToString());
        while (await reader.ReadAsync() is { } record)
        {
            if (GtdImport.Read(record.Line, header.Cells(record), "Global Terrorism Database", release, errors) is not { } row)
            {
                continue;
            }

            var decided = new ValidationErrors();
            OpenIncidentDecision.Decide(row.IncidentId, row.Incident, Now, decided);
            ReportValidation.Validate(row.IncidentId, row.Report, Now, decided);
            errors.AddRange(decided.ToDictionary().SelectMany(e => e.Value.Select(m => new GtdRowError(row.Line, e.Key, m))));
            rows.Add(row);
        }

        return (rows, errors);
    }
}
