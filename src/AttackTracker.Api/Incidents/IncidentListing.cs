using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Places;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Api.Incidents;

/// <summary>
/// An incident as the lists show, filter, sort and search it, kept inline with its state: its
/// reconciled killed and wounded figures (range and status, what a list row shows), and
/// <see cref="SearchText"/>, its title, place, summary and sources' names matched as sources are
/// (case, accents and spacing ignored), which a trigram index searches (Sql/0011), and its
/// reconciled point, which <c>near=</c> filters (NearQuery) on two indexed columns. The place as
/// opened, the groups named and the candidates rejected on its stream serve the candidate
/// duplicates (Identity/CandidateQuery, docs/identity.md). An incident merged into another names its
/// survivor (<see cref="MergedInto"/>), and the list and the candidates leave it out.
/// </summary>
public sealed record IncidentListing(
    Guid Id,
    string? Title,
    DateOnly? OccurredOn,
    string? Country,
    string SearchText,
    int? KilledBest,
    int? WoundedBest,
    int ReportCount,
    long Version,
    FigureRange? Killed = null,
    FigureRange? Wounded = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Place = null,
    IReadOnlyList<string>? Groups = null,
    IReadOnlyList<Guid>? RejectedCandidates = null,
    Guid? MergedInto = null)
{
    public static IncidentListing Of(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // The listing is rewritten on every append: only the figures it shows are reconciled.
        var summary = IncidentViewBuilder.Summarize(state);
        var opened = state.Opened;
        var sources = state.Reports.Select(r => r.Source.Name).Distinct(StringComparer.Ordinal);
        // Where it happened, for GET /api/incidents?near=: the reconciled point (IncidentLocation).
        var located = IncidentLocation.Of(state);
        return new IncidentListing(
            state.Id,
            opened?.Title,
            opened?.OccurredOn.Date,
            opened?.Country,
            SourceNames.Normalize(string.Join(' ', new[] { opened?.Title, opened?.Place, opened?.Summary }.Concat(sources).Where(t => !string.IsNullOrWhiteSpace(t)))),
            summary.Killed?.Best,
            summary.Wounded?.Best,
            summary.ReportCount,
            state.Version,
            FigureRange.Of(summary.Killed),
            FigureRange.Of(summary.Wounded),
            located?.Point.Lat,
            located?.Point.Lon,
            opened?.Place,
            CandidateGroups(state),
            [.. state.RejectedCandidates.Select(r => r.OtherId).Distinct()],
            state.MergedInto?.OtherId);
    }

    /// <summary>
    /// The groups the incident's counted claims and perpetrator affiliations name, as slugs
    /// (GroupNames), for the candidate duplicates' "groups in common" (Identity/CandidateScore).
    /// </summary>
    private static List<string> CandidateGroups(IncidentState state) =>
        [.. state.Facts
            .Where(f => !state.Retractions.ContainsKey(f.FactId))
            .Select(f => f.Fact switch
            {
                ClaimFact claim => claim.Claimant,
                PerpetratorFact perpetrator => perpetrator.Affiliation,
                _ => null,
            })
            .OfType<string>()
            .Select(GroupNames.Slug)
            .Where(slug => slug.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
