using AttackTracker.Api.Store;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Exchange;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using Marten;

namespace AttackTracker.Api.Exchange;

/// <summary>
/// A row of a data set, checked: the incident it opens (unless it exists) and the report it makes;
/// a <paramref name="Versioned"/> row's report supersedes the earlier versions of its key (<see cref="ReportVersions"/>).
/// </summary>
public sealed record ImportRow(int Line, string Key, string KeyColumn, Guid IncidentId, IncidentOpened Opened, SubmitReport Report, bool Versioned = false);

public sealed record ImportedRow(int Line, string EventId, Guid IncidentId, string Outcome, Guid? ReportId);

/// <summary>
/// Writes checked rows, many to a transaction, each row whole: its incident's opening (when new)
/// and its report commit together or not at all. A row whose report is already in the record (the
/// same source and title: the release, the row's key and a digest of its cells) adds nothing, so
/// importing a file again after a crash or a cancel completes it without duplicates.
/// </summary>
public sealed class ImportWriter(WriteUnits units, TimeProvider clock)
{
    /// <summary>Rows per transaction.</summary>
    public const int BatchRows = 250;

    /// <summary>Attempts at a batch that loses races with other writers before the import gives up.</summary>
    public const int Attempts = 5;

    /// <summary>
    /// Writes one batch in one transaction; <paramref name="committing"/> adds what else that
    /// transaction commits, given the rows it writes and refuses (a job's progress). A batch that
    /// loses a race with another writer (an incident both open, two batches locking each other)
    /// is loaded and decided again: it then finds what the other writer committed, and a row
    /// already imported adds nothing. After <see cref="Attempts"/> losses the error stands, and the
    /// import stops with every batch before it committed.
    /// </summary>
    public async Task WriteAsync(
        IReadOnlyList<ImportRow> rows,
        WriteOrigin origin,
        List<ImportedRow> written,
        List<GtdRowError> refused,
        CancellationToken cancellationToken,
        Action<IDocumentSession, IReadOnlyList<ImportedRow>, IReadOnlyList<GtdRowError>>? committing = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(refused);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AppendAsync(rows, origin, written, refused, committing, cancellationToken);
                return;
            }
            catch (Exception ex) when (IsLostRace(ex) && attempt < Attempts)
            {
            }
        }
    }

    /// <summary>Appends the withdrawals to the incident in the unit; the number of facts withdrawn.</summary>
    public static int Withdraw(WriteUnit unit, Guid incidentId, IEnumerable<RetractionRequest> withdrawals, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(withdrawals);
        var facts = 0;
        foreach (var withdrawal in withdrawals)
        {
            var context = unit.Context(incidentId, now);
            var decision = CorrectionDecisions.Decide(withdrawal, context);
            // ReportVersions asks only for facts that still count, as of a time after their report's
            // publication and not after now: a refusal here would be a fact withdrawn already.
            if (decision.Invalid is null && decision.Conflict is null)
            {
                unit.Append(incidentId, decision);
                facts += withdrawal.FactIds!.Count;
            }
        }

        return facts;
    }

    private static bool IsLostRace(Exception ex) =>
        ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
        || ex is Marten.Exceptions.MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" or "40P01" } };

    private async Task AppendAsync(
        IReadOnlyList<ImportRow> rows,
        WriteOrigin origin,
        List<ImportedRow> written,
        List<GtdRowError> refused,
        Action<IDocumentSession, IReadOnlyList<ImportedRow>, IReadOnlyList<GtdRowError>>? committing,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<ImportedRow>();
        var problems = new List<GtdRowError>();
        var now = clock.GetUtcNow();
        var sources = rows.Select(r => r.Report.Source).ToList();
        await using var unit = await units.BeginAsync(origin, new WriteLoad([.. rows.Select(r => r.IncidentId)], sources), cancellationToken);
        foreach (var row in rows)
        {
            var incident = unit.Incident(row.IncidentId);
            if (incident.Exists && !incident.IsIncident)
            {
                problems.Add(new GtdRowError(row.Line, row.KeyColumn, $"{row.IncidentId} is the id of a stream that is not an incident (a source's, for one)."));
                continue;
            }

            var source = row.Report.Source;
            if (incident.State.Reports.Any(r => r.Title == row.Report.Title && SourceNames.Normalize(r.Source.Name) == SourceNames.Normalize(source.Name!)))
            {
                outcomes.Add(new ImportedRow(row.Line, row.Key, row.IncidentId, "already imported", null));
                continue;
            }

            if (incident.State.MergedInto is { } survivor)
            {
                // As for a report posted to it (409): its facts are read through the survivor, whose
                // view and statistics would not show a change here (docs/identity.md).
                problems.Add(new GtdRowError(row.Line, row.KeyColumn, $"the row's incident {row.IncidentId} is merged into incident {survivor.OtherId}: its new report was not added. Unmerge them, or add it to that incident."));
                continue;
            }

            var outcome = "report added";
            if (!incident.Exists)
            {
                unit.Append(row.IncidentId, OpenIncidentDecision.Decide(row.Opened, unit.Context(row.IncidentId, now)));
                outcome = "incident opened";
            }

            var decision = ReportDecision.Decide(row.Report, unit.Context(row.IncidentId, now, source));
            unit.Append(row.IncidentId, decision, source);
            if (row.Versioned)
            {
                // In the report's transaction: the record never shows two versions of a row counting at once.
                Withdraw(unit, row.IncidentId, ReportVersions.Superseded(unit.Context(row.IncidentId, now).Incident, source.Name!, row.Key), now);
            }

            outcomes.Add(new ImportedRow(row.Line, row.Key, row.IncidentId, outcome, decision.Response!.ReportId));
        }

        committing?.Invoke(unit.Session, outcomes, problems);
        await unit.CommitAsync(cancellationToken);
        written.AddRange(outcomes);
        refused.AddRange(problems);
    }
}
