using System.Text;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using CsvHelper;
using Marten;

namespace AttackTracker.Api.Exchange;

/// <summary>Per row (the default): good rows are written, bad ones listed. All: one bad row and nothing is written.</summary>
public enum ImportMode
{
    Rows,
    All,
}

public sealed record ImportedRow(int Line, string EventId, Guid IncidentId, string Outcome, Guid? ReportId);

public sealed record ImportResult(int Rows, int Imported, int Unchanged, IReadOnlyList<GtdRowError> Rejected, IReadOnlyList<ImportedRow> Incidents, bool Written);

/// <summary>
/// A GTD-shaped CSV into the record: each row opens its incident (or finds it by id) and becomes
/// one report from the data set's release, through the same decisions and appender as the API.
/// A row already imported (the same report title: release, eventid and a digest of its cells) adds nothing.
/// </summary>
public sealed class GtdImporter(IDocumentStore store, StoreSettings settings, RecordingClock recording, ReportAppender reports, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ImportResult> ImportAsync(TextReader input, string dataset, string release, ImportMode mode, string recordedBy, CancellationToken cancellationToken)
    {
        var errors = new List<GtdRowError>();
        var rows = new List<GtdRow>();
        var count = 0;
        using (var csv = new CsvReader(input, GtdExporter.Csv))
        {
            try
            {
                if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
                {
                    return new ImportResult(0, 0, 0, [new GtdRowError(1, "eventid", "The file has no header line.")], [], false);
                }

                while (await csv.ReadAsync())
                {
                    if (++count > MaxRows)
                    {
                        errors.Add(new GtdRowError(csv.Parser.RawRow, "eventid", $"A file holds at most {MaxRows} rows; split it."));
                        break;
                    }

                    var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                    for (var i = 0; i < header.Length; i++)
                    {
                        cells[header[i]] = csv.TryGetField<string>(i, out var value) ? value : null;
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
        var decided = new List<(GtdRow Row, IncidentOpened Opened, SubmitReport Report)>();
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
                decided.Add((row, opened, report));
            }
        }

        if (mode == ImportMode.All && errors.Count > 0)
        {
            return new ImportResult(count, 0, 0, errors, [], false);
        }

        // Rows commit one by one (an incident's opening, then its report): a source's stream and
        // an incident's take one recorded time per transaction. Mode All has checked every row
        // before the first is written; a database failure partway leaves the rows before it, and
        // importing the same file again completes it without duplicates.
        var outcomes = new List<ImportedRow>();
        foreach (var (row, opened, report) in decided)
        {
            outcomes.Add(await AppendAsync(row, opened, report, recordedBy, $"import:{dataset} {release}", cancellationToken));
        }

        return new ImportResult(
            count,
            outcomes.Count(o => o.ReportId is not null),
            outcomes.Count(o => o.ReportId is null),
            errors,
            outcomes,
            outcomes.Any(o => o.ReportId is not null));
    }

    private async Task<ImportedRow> AppendAsync(GtdRow row, IncidentOpened opened, SubmitReport report, string recordedBy, string correlation, CancellationToken cancellationToken)
    {
        var outcome = "report added";
        await using (var session = Session(recordedBy, correlation))
        {
            await RebuildGate.PassAsync(session, settings, cancellationToken);
            var existing = await session.Events.FetchForExclusiveWriting<IncidentState>(row.IncidentId, cancellationToken);
            if (existing.Aggregate is not { Opened: not null })
            {
                var recordedAt = await recording.NowAsync(session, null, cancellationToken);
                session.Events.StartStream<IncidentState>(row.IncidentId, session.Stamp(opened, recordedAt));
                await session.SaveChangesAsync(cancellationToken);
                outcome = "incident opened";
            }
        }

        await using (var session = Session(recordedBy, correlation))
        {
            await RebuildGate.PassAsync(session, settings, cancellationToken);
            var stream = await session.Events.FetchForExclusiveWriting<IncidentState>(row.IncidentId, cancellationToken);
            var state = stream.Aggregate!;
            if (state.Reports.Any(r => r.Title == report.Title && SourceNames.Normalize(r.Source.Name) == SourceNames.Normalize(report.Source.Name!)))
            {
                return new ImportedRow(row.Line, row.EventId, row.IncidentId, "already imported", null);
            }

            var (created, events) = await reports.DecideAsync(session, state, report, cancellationToken);
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
            return new ImportedRow(row.Line, row.EventId, row.IncidentId, outcome, created.ReportId);
        }
    }

    private IDocumentSession Session(string recordedBy, string correlation)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = recordedBy;
        session.CorrelationId = correlation;
        return session;
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
