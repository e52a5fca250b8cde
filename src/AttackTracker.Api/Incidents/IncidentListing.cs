using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Places;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Api.Incidents;

/// <summary>An incident as the list shows and filters it, kept inline with its state.</summary>
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
    double? Latitude = null,
    double? Longitude = null)
{
    public static IncidentListing Of(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // The listing is rewritten on every append: only the figures it shows are reconciled.
        var summary = IncidentViewBuilder.Summarize(state);
        var opened = state.Opened;
        // Where it happened, for GET /api/incidents?near=: the reconciled point (IncidentLocation).
        var located = IncidentLocation.Of(state);
        return new IncidentListing(
            state.Id,
            opened?.Title,
            opened?.OccurredOn.Date,
            opened?.Country,
            SourceNames.Normalize($"{opened?.Title} {opened?.Place}"),
            summary.Killed?.Best,
            summary.Wounded?.Best,
            summary.ReportCount,
            state.Version,
            located?.Point.Lat,
            located?.Point.Lon);
    }
}
