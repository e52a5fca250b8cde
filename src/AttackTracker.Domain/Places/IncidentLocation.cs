using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Places;

/// <summary>The incident's point as the record reconciles its location facts, with how precise it is.</summary>
public sealed record LocatedAt(GeoPoint Point, LocationPrecision? Precision);

/// <summary>
/// Where an incident happened, for finding incidents near a point (docs/api.md): of the location
/// facts that count now and give coordinates, the most precise; a point given without a precision
/// counts as exact (a report that names coordinates means them); between equals, the first reported.
/// </summary>
public static class IncidentLocation
{
    public static LocatedAt? Of(IncidentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        LocatedAt? best = null;
        foreach (var fact in state.Facts)
        {
            if (fact.Fact is LocationFact { Lat: { } lat, Lon: { } lon } location
                && IncidentViewBuilder.Counts(state, fact.FactId, null)
                && (best is null || Rank(location.Precision) < Rank(best.Precision)))
            {
                best = new LocatedAt(new GeoPoint(lat, lon), location.Precision);
            }
        }

        return best;
    }

    private static int Rank(LocationPrecision? precision) => (int)(precision ?? LocationPrecision.Exact);
}
