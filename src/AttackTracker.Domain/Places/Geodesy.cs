namespace AttackTracker.Domain.Places;

/// <summary>A point in decimal degrees (WGS 84, as the data sets give them).</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>
/// A box of latitudes and longitudes that holds every point within a distance of a centre: what an
/// index can filter on before the exact distance. Past a pole or across the antimeridian the
/// longitudes wrap: <see cref="WrapsAround"/> means west of <see cref="MaxLon"/> or east of <see cref="MinLon"/>.
/// <see cref="AllLongitudes"/> when the circle reaches a pole.
/// </summary>
public readonly record struct GeoBox(double MinLat, double MaxLat, double MinLon, double MaxLon, bool WrapsAround, bool AllLongitudes);

/// <summary>Distances on the Earth as a sphere of the mean radius (IUGG), accurate to about 0.5 % (the ellipsoid), ample for "near".</summary>
public static class Geodesy
{
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Half the Earth's circumference: no two points are farther apart.</summary>
    public const double MaxDistanceKm = Math.PI * EarthRadiusKm;

    /// <summary>The great-circle distance (haversine), in kilometres.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var dLat = Radians(b.Lat - a.Lat);
        var dLon = Radians(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// The box that holds the circle of <paramref name="km"/> around <paramref name="centre"/>: the
    /// latitudes the distance spans, and the longitudes at the latitude where the circle is widest
    /// (the bounding box of the spherical cap), so the box never leaves out a point of the circle.
    /// </summary>
    public static GeoBox Box(GeoPoint centre, double km)
    {
        var angle = km / EarthRadiusKm;
        var lat = Radians(centre.Lat);
        var (minLat, maxLat) = (lat - angle, lat + angle);
        if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2)
        {
            return new GeoBox(Degrees(Math.Max(minLat, -Math.PI / 2)), Degrees(Math.Min(maxLat, Math.PI / 2)), -180, 180, false, true);
        }

        var dLon = Math.Asin(Math.Min(1, Math.Sin(angle) / Math.Cos(lat)));
        var (minLon, maxLon) = (Radians(centre.Lon) - dLon, Radians(centre.Lon) + dLon);
        if (minLon < -Math.PI)
        {
            return new GeoBox(Degrees(minLat), Degrees(maxLat), Degrees(minLon + (2 * Math.PI)), Degrees(maxLon), true, false);
        }

        if (maxLon > Math.PI)
        {
            return new GeoBox(Degrees(minLat), Degrees(maxLat), Degrees(minLon), Degrees(maxLon - (2 * Math.PI)), true, false);
        }

        return new GeoBox(Degrees(minLat), Degrees(maxLat), Degrees(minLon), Degrees(maxLon), false, false);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
