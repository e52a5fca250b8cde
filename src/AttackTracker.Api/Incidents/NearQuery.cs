using System.Globalization;
using AttackTracker.Api.Http;
using AttackTracker.Domain;
using AttackTracker.Domain.Places;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// The listing's filter (<see cref="ListingQuery"/>) on parameters $5 to $12: the box that holds the
    /// circle on the indexed columns ($5–$8, and $9: 0 every longitude, 1 a plain range, 2 one that wraps
    /// around the antimeridian), then the haversine distance, as Geodesy.DistanceKm computes it, from
    /// the centre ($10, $11) within $12 kilometres. Without a circle $5 is null and it lets every row by.
    /// </summary>
    public static readonly string Sql = $"""
        ($5::float8 IS NULL OR (d.latitude BETWEEN $5 AND $6
          AND ($9::int = 0 OR ($9 = 1 AND d.longitude BETWEEN $7 AND $8) OR ($9 = 2 AND (d.longitude >= $7 OR d.longitude <= $8)))
          AND 2 * {Geodesy.EarthRadiusKm.ToString(CultureInfo.InvariantCulture)} * asin(least(1, sqrt(power(sin(radians(d.latitude - $10) / 2), 2)
              + cos(radians($10)) * cos(radians(d.latitude)) * power(sin(radians(d.longitude - $11) / 2), 2)))) <= $12))
        """;

    public static void Bind(NpgsqlCommand command, NearCircle? circle)
    {
        ArgumentNullException.ThrowIfNull(command);
        var mode = circle is null || circle.Box.AllLongitudes ? 0 : circle.Box.WrapsAround ? 2 : 1;
        double?[] values = circle is { Box: var box } ? [box.MinLat - Slack, box.MaxLat + Slack, box.MinLon - Slack, box.MaxLon + Slack] : [null, null, null, null];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = mode });
        command.Parameters.Add(new NpgsqlParameter { Value = circle is null ? DBNull.Value : circle.Centre.Lat, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = circle is null ? DBNull.Value : circle.Centre.Lon, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = circle is null ? DBNull.Value : circle.Km, NpgsqlDbType = NpgsqlDbType.Double });
    }
}
