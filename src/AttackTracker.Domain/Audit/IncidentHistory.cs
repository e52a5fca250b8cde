using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Audit;

public enum ChangeKind
{
    Opened,
    Report,
    Retraction,
    Adjudication,
    Merge,
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
    /// Folds the stream once, commit by commit (events sharing a recorded time), and diffs the view
    /// just before each commit with the view just after it, both built by the one fold. A survivor's
    /// views hold the facts of the incidents merged into it at each point, read from
    /// <paramref name="absorbed"/> (their streams), as its view does: a merge's entry lists the
    /// facts it brought in, an unmerge's those it took out (docs/identity.md).
    /// </summary>
    public static IEnumerable<HistoryEntry> Build(Guid incidentId, IEnumerable<StreamEvent> events, string? pathPrefix = null, Func<Guid, IEnumerable<StreamEvent>>? absorbed = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = IncidentState.Initial;
        IncidentView? before = null;
        foreach (var commit in Commits(events))
        {
            foreach (var e in commit)
            {
                state = IncidentFold.Evolve(state, e);
            }

            var after = IncidentViewBuilder.Build(incidentId, absorbed is null ? state : IncidentMerges.WithAbsorbed(state, absorbed), ViewPoint.Current);
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
                first.RecordedBy,
                first.CorrelationId,
                report?.ReportId,
                report?.Source.Name,
                report?.PublishedAt,
                changes);
        }
    }

    private static ChangeKind KindOf(List<StreamEvent> commit) => commit[0].Data switch
    {
        IncidentOpened => ChangeKind.Opened,
        ReportSubmitted => ChangeKind.Report,
        FactsRetracted => ChangeKind.Retraction,
        FigureAdjudicated => ChangeKind.Adjudication,
        IncidentMerged or IncidentUnmerged or IncidentAbsorbed or IncidentRestored => ChangeKind.Merge,
        _ => ChangeKind.Other,
    };

    private static IEnumerable<List<StreamEvent>> Commits(IEnumerable<StreamEvent> events)
    {
        List<StreamEvent>? commit = null;
        foreach (var e in events)
        {
            if (commit is not null && commit[0].RecordedAt != e.RecordedAt)
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
