using AttackTracker.EventStore;
using AttackTracker.Incidents.Corrections;
using AttackTracker.Incidents.Reports;

namespace AttackTracker.Incidents.Incidents;

/// <summary>The one fold of an incident's stream.</summary>
public static class IncidentProjection
{
    public const string Anonymous = "anonymous";

    public static IncidentState Evolve(IncidentState state, RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recorded);
        var by = recorded.Metadata.RecordedBy ?? Anonymous;
        var next = recorded.Data switch
        {
            IncidentOpened opened => state with { Opened = opened },
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
            _ => state,
        };
        return next with { Version = recorded.Version, LastRecordedAt = recorded.RecordedAt };
    }
}
