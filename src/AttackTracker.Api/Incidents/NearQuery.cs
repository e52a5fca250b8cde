using System.Globalization;
using AttackTracker.Api.Http;
using AttackTracker.Domain;
using AttackTracker.Domain.Places;
using Marten.Linq.MatchesSql;

namespace AttackTracker.Api.Incidents;

/// <summary>A circle on the Earth the list is narrowed to: its centre, its radius and the box that holds it.</summary>
public sealed record NearCircle(GeoPoint Centre, double Km, GeoBox Box)
{
    /// <summary>How far an incident's reconciled point is from the centre, to the metre; null when it has none.</summary>
    public double? DistanceKm(IncidentListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing is { Latitude: { } lat, Longitude: { } lon } ? Math.Round(Geodesy.DistanceKm(Centre, new GeoPoint(lat, lon)), 3) : null;
    }
}

/// <summary>
/// GET /api/incidents?near=LAT,LON&amp;within=KM (docs/api.md): incidents whose reconciled point
/// (<see cref="IncidentLocation"/>) is within KM kilometres of the point. The listing holds the point
/// in two indexed columns; the query filters the box that holds the circle on them, then the exact
/// great-circle distance, so PostGIS is not needed.
/// </summary>
public static class NearQuery
{
    // A hair of a degree more, so that rounding never leaves out a point on the box's edge; the distance decides.
    private const double Slack = 1e-9;

    public static IEnumerable<QueryParameter> Parameters { get; } =
    [
        new("near", QueryValue.Text, "Only incidents near this point, LAT,LON in decimal degrees (such as 43.2130,2.3491); with within. An incident's point is the most precise of its location facts that count.", MaxLength: 60),
        new("within", QueryValue.Text, $"With near: the distance from the point in kilometres, more than 0 and at most {Geodesy.MaxDistanceKm:F0}.", MaxLength: 20),
    ];

    public static NearCircle? Read(string? near, string? within, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (near is null && within is null)
        {
            return null;
        }

        GeoPoint? centre = null;
        if (near is null)
        {
            errors.Add("near", "is required with within: the point, LAT,LON.");
        }
        else if (near.Split(',') is [var latText, var lonText]
            && double.TryParse(latText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(lonText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180)
        {
            centre = new GeoPoint(lat, lon);
        }
        else
        {
            errors.Add("near", "must be a point, LAT,LON in decimal degrees (latitude -90 to 90, longitude -180 to 180), such as 43.2130,2.3491.");
        }

        double? km = null;
        if (within is null)
        {
            errors.Add("within", "is required with near: the distance in kilometres.");
        }
        else if (double.TryParse(within.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var distance) && distance is > 0 and <= Geodesy.MaxDistanceKm)
        {
            km = distance;
        }
        else
        {
            errors.Add("within", $"must be a distance in kilometres, more than 0 and at most {Geodesy.MaxDistanceKm.ToString("F0", CultureInfo.InvariantCulture)}.");
        }

        return centre is { } point && km is { } radius ? new NearCircle(point, radius, Geodesy.Box(point, radius)) : null;
    }

    public static IQueryable<IncidentListing> Filter(IQueryable<IncidentListing> query, NearCircle circle)
    {
        ArgumentNullException.ThrowIfNull(circle);
        var box = circle.Box;
        var (minLat, maxLat, minLon, maxLon) = (box.MinLat - Slack, box.MaxLat + Slack, box.MinLon - Slack, box.MaxLon + Slack);
        query = query.Where(x => x.Latitude >= minLat && x.Latitude <= maxLat);
        if (!box.AllLongitudes)
        {
            query = box.WrapsAround
                ? query.Where(x => x.Longitude >= minLon || x.Longitude <= maxLon)
                : query.Where(x => x.Longitude >= minLon && x.Longitude <= maxLon);
        }

        // The haversine distance, as Geodesy.DistanceKm computes it, on the listing's columns.
        return query.Where(x => x.MatchesSql(
            "2 * ? * asin(least(1, sqrt(power(sin(radians(d.latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians(d.latitude)) * power(sin(radians(d.longitude - ?) / 2), 2)))) <= ?",
            Geodesy.EarthRadiusKm, circle.Centre.Lat, circle.Centre.Lat, circle.Centre.Lon, circle.Km));
    }
}
