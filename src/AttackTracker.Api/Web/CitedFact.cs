using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Web;

/// <summary>A fact that cites a passage of a stored document: who reported it, and the link to the passage.</summary>
public sealed record CitedFact(Guid FactId, string Source, DateTimeOffset PublishedAt, string Kind, string Quote, string Link)
{
    /// <summary>
    /// The facts of the state that cite a passage, as the page counts them at its point: published
    /// by <paramref name="asOf"/> when it has one, and not retracted (a retraction removes the fact
    /// from the view, so its passage is not offered as evidence either).
    /// </summary>
    public static IReadOnlyList<CitedFact> Of(IncidentState state, DateTimeOffset? asOf)
    {
        ArgumentNullException.ThrowIfNull(state);
        var reports = state.Reports.ToDictionary(r => r.ReportId);
        return [.. state.Facts
            .Where(f => f.Fact.Passage is { Document: not null, Start: not null, End: not null } && !state.Retractions.ContainsKey(f.FactId))
            .Where(f => reports.ContainsKey(f.ReportId) && (asOf is not { } point || reports[f.ReportId].PublishedAt <= point))
            .Select(f =>
            {
                var passage = f.Fact.Passage!;
                var report = reports[f.ReportId];
                return new CitedFact(
                    f.FactId, report.Source.Name, report.PublishedAt, KindOf(f.Fact), f.Fact.Quote ?? string.Empty,
                    SourceDocumentModel.Link(passage.Document!, passage.Start!.Value, passage.End!.Value));
            })];
    }

    private static string KindOf(Fact fact) => fact switch
    {
        CasualtiesFact => "casualties",
        PerpetratorFact => "perpetrator",
        ClaimFact => "claim",
        AttackTypeFact => "attack type",
        WeaponFact => "weapon",
        TargetFact => "target",
        LocationFact => "location",
        TimelineFact => "date",
        PersonFact => "person",
        DemandFact => "demand",
        _ => "note",
    };
}
