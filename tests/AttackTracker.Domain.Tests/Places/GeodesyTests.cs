using AttackTracker.Domain.Places;
using AttackTracker.Domain.Reports;
using static AttackTracker.Domain.Tests.TrebesSources;

namespace AttackTracker.Domain.Tests.Places;

/// <summary>Distances, the box an index filters on, and the incident's reconciled point (issue 23: where it happened).</summary>
public sealed class GeodesyTests
{
    private static readonly GeoPoint Carcassonne = new(43.2130, 2.3491);
    private static readonly GeoPoint Trebes = new(43.2103, 2.4416);

    [Fact]
    public void The_great_circle_distance_is_as_measured()
    {
        Assert.Equal(7.5, Geodesy.DistanceKm(Carcassonne, Trebes), 1);
        // A degree of a great circle on the sphere of the mean radius.
        Assert.Equal(111.195, Geodesy.DistanceKm(new GeoPoint(0, 10), new GeoPoint(0, 11)), 3);
        Assert.Equal(111.195, Geodesy.DistanceKm(new GeoPoint(-0.5, 10), new GeoPoint(0.5, 10)), 3);
        Assert.Equal(Geodesy.MaxDistanceKm, Geodesy.DistanceKm(new GeoPoint(0, 0), new GeoPoint(0, 180)), 6);
    }

    public static TheoryData<GeoPoint, double> Circles => new()
    {
        { Carcassonne, 10 },
        { new GeoPoint(-33.86, 151.21), 2500 },
        { new GeoPoint(64.5, 179.9), 300 },
        { new GeoPoint(-16.5, -179.8), 80 },
        { new GeoPoint(89.5, 10), 200 },
    };

    [Theory]
    [MemberData(nameof(Circles))]
    public void The_box_holds_every_point_of_the_circle_across_the_antimeridian_and_past_a_pole(GeoPoint centre, double km)
    {
        var box = Geodesy.Box(centre, km);
        var random = new Random(23);
        for (var i = 0; i < 20_000; i++)
        {
            var point = new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            if (i % 2 == 0)
            {
                // Half of them close by, where the edges are.
                point = new GeoPoint(Math.Clamp(centre.Lat + ((random.NextDouble() - 0.5) * km / 40), -90, 90), Wrap(centre.Lon + ((random.NextDouble() - 0.5) * km / 20)));
            }

            if (Geodesy.DistanceKm(centre, point) <= km)
            {
                Assert.True(point.Lat >= box.MinLat && point.Lat <= box.MaxLat, $"{point} is within {km} km of {centre} but outside {box}");
                Assert.True(box.AllLongitudes || (box.WrapsAround ? point.Lon >= box.MinLon || point.Lon <= box.MaxLon : point.Lon >= box.MinLon && point.Lon <= box.MaxLon), $"{point} is within {km} km of {centre} but outside {box}");
            }
        }

        static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
    }

    [Fact]
    public void The_incidents_point_is_its_most_precise_location_that_counts_and_an_unqualified_point_is_exact()
    {
        var stream = new IncidentStreamBuilder().Open();
        var province = stream.Report(Itic, Day(3, 24), new LocationFact { Region = "Aude", Lat = 43.1, Lon = 2.4, Precision = LocationPrecision.Province });
        Assert.Equal(new LocatedAt(new GeoPoint(43.1, 2.4), LocationPrecision.Province), IncidentLocation.Of(stream.Fold()));

        var town = stream.Report(Wsws, Day(3, 25), new LocationFact { City = "Trèbes", Lat = Trebes.Lat, Lon = Trebes.Lon });
        Assert.Equal(new LocatedAt(Trebes, null), IncidentLocation.Of(stream.Fold()));

        stream.Retract(Corrections.RetractionKind.EnteredInError, null, town.FactIds[0]);
        Assert.Equal(new GeoPoint(43.1, 2.4), IncidentLocation.Of(stream.Fold())!.Point);
        stream.Retract(Corrections.RetractionKind.EnteredInError, null, province.FactIds[0]);
        Assert.Null(IncidentLocation.Of(stream.Fold()));
    }
}
