using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Incidents;

/// <summary>The one fold of an incident's stream.</summary>
public static class IncidentFold
{
    public const string Anonymous = "anonymous";

    /// <summary>Folds one event into the state. An event at or below the state's version is already in it and changes nothing.</summary>
    public static IncidentState Evolve(IncidentState state, StreamEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.Version <= state.Version)
        {
            return state;
        }

        var by = recorded.RecordedBy;
        var next = recorded.Data switch
        {
            IncidentOpened opened => state with { Id = opened.IncidentId, Opened = opened },
            ReportSubmitted r => state with
            {
                Reports = state.Reports.Add(new ReportEntry(
                    r.ReportId, r.Source, r.Title, r.Url, r.PublishedAt, r.Credibility, r.FactIds, recorded.Version, recorded.RecordedAt, by)),
            },
            IFactReported f => state with
            {
                Facts = state.Facts.Add(new FactEntry(f.FactId, f.ReportId, f.Payload, recorded.Version, recorded.RecordedAt)),
            },
            FactsRetracted r => state with
            {
                Retractions = state.Retractions.SetItems(r.FactIds.Select(id => KeyValuePair.Create(
                    id, new RetractionEntry(id, r.Kind, r.Reason, r.PublishedAt, recorded.Version, recorded.RecordedAt, by)))),
            },
            FigureAdjudicated a => state with
            {
                Adjudications = state.Adjudications.Add(new AdjudicationEntry(a.Category, a.Value, a.Rationale, recorded.Version, recorded.RecordedAt, by)),
            },
            CandidateRejected c => state with
            {
                RejectedCandidates = state.RejectedCandidates.Add(new CandidateRejectionEntry(c.OtherId, c.Reason, recorded.Version, recorded.RecordedAt, by)),
            },
            IncidentMerged m => state with { Absorbed = state.Absorbed.Add(new MergeEntry(m.Absorbed, m.Reason, recorded.Version, recorded.RecordedAt, by)) },
            IncidentUnmerged u => state with { Absorbed = state.Absorbed.RemoveAll(a => a.OtherId == u.Absorbed) },
            IncidentAbsorbed a => state with { MergedInto = new MergeEntry(a.Survivor, a.Reason, recorded.Version, recorded.RecordedAt, by) },
            IncidentRestored => state with { MergedInto = null },
            _ => state,
        };
        return next with { Version = recorded.Version, LastRecordedAt = recorded.RecordedAt };
    }

    public static IncidentState Fold(IEnumerable<StreamEvent> events, IncidentState? from = null) =>
        events.Aggregate(from ?? IncidentState.Initial, Evolve);
}
