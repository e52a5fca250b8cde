using AttackTracker.EventStore;
using AttackTracker.Incidents.Corrections;
using AttackTracker.Incidents.Incidents;
using AttackTracker.Incidents.Reports;

namespace AttackTracker.Incidents.Audit;

public enum ChangeKind
{
    Opened,
    Report,
    Retraction,
    Adjudication,
    Other,
}

/// <summary>One committed change to an incident: the events one transaction appended, and what they changed in the view.</summary>
public sealed record HistoryEntry(
    long FromVersion,
    long ToVersion,
    ChangeKind Kind,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? CorrelationId,
    Guid? ReportId,
    string? Source,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<FieldChange> Changes);

public static class IncidentHistory
{
    /// <summary>
    /// Folds the stream once, commit by commit (events sharing a transaction id), and diffs the view
    /// just before each commit with the view just after it, both built by the one fold.
    /// </summary>
    public static IEnumerable<HistoryEntry> Build(Guid incidentId, IEnumerable<RecordedEvent> events, string? pathPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = IncidentState.Initial;
        IncidentView? before = null;
        foreach (var commit in Commits(events))
        {
            foreach (var e in commit)
            {
                state = IncidentProjection.Evolve(state, e);
            }

            var after = IncidentViewBuilder.Build(incidentId, state, ViewPoint.Current);
            var changes = ViewDiff.Under(ViewDiff.Between(before, after), pathPrefix);
            before = after;
            if (pathPrefix is not null && changes.Count == 0)
            {
                continue;
            }

            var first = commit[0];
            var report = commit.Select(e => e.Data).OfType<ReportSubmitted>().FirstOrDefault();
            yield return new HistoryEntry(
                first.Version,
                commit[^1].Version,
                KindOf(commit),
                commit[^1].RecordedAt,
                first.Metadata.RecordedBy ?? IncidentProjection.Anonymous,
                first.Metadata.CorrelationId,
                report?.ReportId,
                report?.Source.Name,
                report?.PublishedAt,
                changes);
        }
    }

    private static ChangeKind KindOf(List<RecordedEvent> commit) => commit[0].Data switch
    {
        IncidentOpened => ChangeKind.Opened,
        ReportSubmitted => ChangeKind.Report,
        FactsRetracted => ChangeKind.Retraction,
        FigureAdjudicated => ChangeKind.Adjudication,
        _ => ChangeKind.Other,
    };

    private static IEnumerable<List<RecordedEvent>> Commits(IEnumerable<RecordedEvent> events)
    {
        List<RecordedEvent>? commit = null;
        foreach (var e in events)
        {
            if (commit is not null && commit[0].TransactionId != e.TransactionId)
            {
                yield return commit;
                commit = null;
            }

            (commit ??= []).Add(e);
        }

        if (commit is not null)
        {
            yield return commit;
        }
    }
}
