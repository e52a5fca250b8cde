using AttackTracker.Domain.Incidents;
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
    long Version)
{
    public static IncidentListing Of(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var view = IncidentViewBuilder.Build(state.Id, state, ViewPoint.Current);
        return new IncidentListing(
            state.Id,
            view.Title,
            view.OccurredOn?.Date,
            view.Country,
            SourceNames.Normalize($"{view.Title} {view.Place}"),
            view.Casualties.Killed?.Best,
            view.Casualties.Wounded?.Best,
            view.ReportCount,
            state.Version);
    }
}
