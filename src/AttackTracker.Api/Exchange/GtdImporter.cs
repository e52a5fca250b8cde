using System.Text;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Notifications;
using AttackTracker.Api.Reports;
using AttackTracker.Api.Store;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using CsvHelper;
using Marten;
using Wolverine.Marten;
using Wolverine.Runtime;

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
public sealed class GtdImporter(
    IDocumentStore store, StoreSettings settings, RecordingClock recording, ReportAppender reports, ChangeLog changes, IWolverineRuntime wolverine, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    /// <remarks>
    /// <paramref name="throughOutbox"/>: the service fans the rows' notifications out through
    /// Wolverine's outbox; the command line, where Wolverine does not run, in each row's transaction.
    /// </remarks>
    public async Task<ImportResult> ImportAsync(
        TextReader input, string dataset, string release, ImportMode mode, string recordedBy, bool throughOutbox, CancellationToken cancellationToken)
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
            try
            {
                var outcome = await AppendAsync(row, opened, report, recordedBy, $"import:{dataset} {release}", throughOutbox, cancellationToken);
                if (outcome.Outcome == NotAnIncident)
                {
                    errors.Add(new GtdRowError(row.Line, "eventid", $"{row.IncidentId} is the id of a stream that is not an incident (a source's, for one)."));
                }
                else
                {
                    outcomes.Add(outcome);
                }
            }
            catch (Exception ex) when (ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or Marten.Exceptions.MartenCommandException)
            {
                // Another writer opened or changed the incident at the same moment: the row is
                // not written, says so, and an import of the same file again adds it.
                errors.Add(new GtdRowError(row.Line, "eventid", "The incident changed while this row was written; nothing of the row was written. Import the file again to add it."));
            }
        }

        return new ImportResult(
            count,
            outcomes.Count(o => o.ReportId is not null),
            outcomes.Count(o => o.ReportId is null),
            errors,
            outcomes,
            outcomes.Any(o => o.ReportId is not null));
    }

    private async Task<ImportedRow> AppendAsync(
        GtdRow row, IncidentOpened opened, SubmitReport report, string recordedBy, string correlation, bool throughOutbox, CancellationToken cancellationToken)
    {
        var outcome = "report added";
        await using (var session = Session(recordedBy, correlation))
        {
            await RebuildGate.PassAsync(session, settings, cancellationToken);
            if (await StreamTypeAsync(session, row.IncidentId, cancellationToken) is { } type && type != IncidentReader.StreamType)
            {
                return new ImportedRow(row.Line, row.EventId, row.IncidentId, NotAnIncident, null);
            }

            var existing = await session.Events.FetchForExclusiveWriting<IncidentState>(row.IncidentId, cancellationToken);
            if (existing.Aggregate is not { Opened: not null })
            {
                var recordedAt = await recording.NowAsync(session, null, cancellationToken);
                var e = session.Stamp(opened, recordedAt);
                session.Events.StartStream<IncidentState>(row.IncidentId, e);
                await changes.RecordAsync(session, Outbox(session, throughOutbox), row.IncidentId, IncidentState.Initial, [e]);
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
            await changes.RecordAsync(session, Outbox(session, throughOutbox), row.IncidentId, state, events);
            await session.SaveChangesAsync(cancellationToken);
            return new ImportedRow(row.Line, row.EventId, row.IncidentId, outcome, created.ReportId);
        }
    }

    /// <summary>The type of the stream with this id, if any: an eventid may name a source's stream.</summary>
    private async Task<string?> StreamTypeAsync(IDocumentSession session, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new Npgsql.NpgsqlCommand($"""SELECT type FROM "{settings.Schema}".mt_streams WHERE id = $1""");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? reader.GetString(0) : null;
    }

    private MartenOutbox? Outbox(IDocumentSession session, bool throughOutbox) => throughOutbox ? new MartenOutbox(wolverine, session) : null;

    private IDocumentSession Session(string recordedBy, string correlation)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = recordedBy;
        session.CorrelationId = correlation;
        return session;
    }

    public const int MaxColumns = 256;

    private const string NotAnIncident = "not an incident";

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
