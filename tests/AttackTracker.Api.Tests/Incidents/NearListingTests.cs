using System.Net;
using AttackTracker.Api.Incidents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Tests.Incidents;

/// <summary>
/// GET /api/incidents?near=LAT,LON&amp;within=KM (issue 23): incidents whose reconciled point is
/// within the distance, with it; every test names its incidents with a token of its own and
/// searches for it, so it sees only its rows.
/// </summary>
public sealed class NearListingTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly string _token = "near" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Finds_the_incidents_within_the_distance_with_their_point_and_how_far_it_is()
    {
        var carcassonne = await OpenAtAsync("Carcassonne", "2018-03-23", 43.2130, 2.3491);
        var trebes = await OpenAtAsync("Trèbes", "2018-03-22", 43.2103, 2.4416);
        await OpenAtAsync("Paris", "2018-03-21", 48.8566, 2.3522);
        await OpenAsync("Nowhere known", "2018-03-20");

        var five = await ListAsync("near=43.2130,2.3491&within=5");
        var ten = await ListAsync("near=43.2130,2.3491&within=10");
        var all = await ListAsync("near=43.2130,2.3491&within=20015");

        Assert.Equal([carcassonne], Ids(five));
        Assert.Equal([carcassonne, trebes], Ids(ten));
        Assert.Equal(2, ten.Total);
        Assert.Equal(3, all.Total);
        var item = ten.Items[1];
        Assert.Equal<(double?, double?, double?)>((43.2103, 2.4416, 7.502), (item.Latitude, item.Longitude, item.DistanceKm));
        Assert.Null((await ListAsync(string.Empty)).Items[0].DistanceKm);
    }

    [Fact]
    public async Task Finds_incidents_across_the_antimeridian_and_near_a_pole()
    {
        var fijiEast = await OpenAtAsync("East of the antimeridian", "2019-01-02", -16.5, 179.9);
        var fijiWest = await OpenAtAsync("West of the antimeridian", "2019-01-01", -16.5, -179.9);
        var svalbard = await OpenAtAsync("Near the pole", "2019-01-03", 89.9, 100);

        Assert.Equal([fijiEast, fijiWest], Ids(await ListAsync("near=-16.5,179.99&within=30")));
        Assert.Equal([fijiEast, fijiWest], Ids(await ListAsync("near=-16.5,-179.99&within=30")));
        Assert.Equal([svalbard], Ids(await ListAsync("near=89.95,-80&within=20")));
    }

    [Fact]
    public async Task The_point_is_the_most_precise_location_that_counts_and_moves_when_a_fact_is_retracted()
    {
        var id = await OpenAsync("Moving point", "2020-05-05");
        await host.SubmitReport(id, HttpExtensions.Report("Province Wire", "2020-05-06", new { type = "location", region = "Aude", lat = 43.05, lon = 2.2, precision = "province" }));
        var facts = (await host.SubmitReport(id, HttpExtensions.Report("Town Wire", "2020-05-07", new { type = "location", city = "Trèbes", lat = 43.2103, lon = 2.4416, precision = "exact" }))).FactIds;

        Assert.Equal([id], Ids(await ListAsync("near=43.2103,2.4416&within=1")));
        await host.Post($"/api/incidents/{id}/retractions", $$"""{"factIds":["{{facts[0]}}"],"kind":"entered-in-error","reason":"Wrong town."}""", HttpStatusCode.Created);

        Assert.Empty(Ids(await ListAsync("near=43.2103,2.4416&within=1")));
        Assert.Equal([id], Ids(await ListAsync("near=43.05,2.2&within=1")));
        var view = await host.Incident(id);
        Assert.Equal(LocationPrecision.Province, view.Locations[0].Value.Precision);
    }

    [Theory]
    [InlineData("near=43.2,2.3", "within")]
    [InlineData("within=10", "near")]
    [InlineData("near=91,2&within=10", "near")]
    [InlineData("near=43.2;2.3&within=10", "near")]
    [InlineData("near=here&within=10", "near")]
    [InlineData("near=43.2,2.3&within=0", "within")]
    [InlineData("near=43.2,2.3&within=30000", "within")]
    [InlineData("near=43.2,2.3&within=far", "within")]
    public async Task Rejects_a_bad_point_or_distance_naming_it(string query, string field) =>
        await host.GetValidationProblem($"/api/incidents?{query}", field);

    private async Task<Guid> OpenAsync(string title, string occurredOn) =>
        await host.OpenIncidentId(new { title = $"{title} {_token}", occurredOn, country = "FR", place = "Somewhere" });

    private async Task<Guid> OpenAtAsync(string title, string occurredOn, double lat, double lon)
    {
        var id = await OpenAsync(title, occurredOn);
        await host.SubmitReport(id, HttpExtensions.Report("Geo Wire", occurredOn, new { type = "location", place = title, lat, lon }));
        return id;
    }

    private Task<IncidentPage> ListAsync(string query) => host.Incidents($"q={_token}&{query}");

    private static List<Guid> Ids(IncidentPage page) => [.. page.Items.Select(i => i.Id)];
}
