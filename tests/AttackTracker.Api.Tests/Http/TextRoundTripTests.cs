using System.Text.Json.Nodes;

namespace AttackTracker.Api.Tests.Http;

public sealed class TextRoundTripTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Theory]
    [InlineData("Robert'); DROP TABLE events; --")]
    [InlineData("1' OR '1'='1")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=\"alert(1)\"> & &amp; \\u0041")]
    [InlineData("$1 {0} %s __schema__ ${injected}")]
    public async Task Hostile_text_in_a_note_is_stored_verbatim_and_returned_as_data(string text)
    {
        var incidentId = await _client.OpenIncidentAsync();
        var eventsBefore = await host.CountAsync("mt_events");

        var created = await _client.SubmitReportAsync(incidentId, ReportBodies.Note(text));

        var report = await _client.GetJsonAsync($"/api/reports/{created.ReportId}");
        Assert.Equal(text, (string?)report["facts"]![0]!["fact"]!["text"]);
        var response = await _client.GetAsync($"/api/incidents/{incidentId}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var view = await response.ReadJsonAsync();
        Assert.Equal(text, (string?)Assert.Single(view["notes"]!.AsArray())!["value"]);
        Assert.True(await host.CountAsync("mt_events") >= eventsBefore + 2);
    }

    [Fact]
    public async Task Hostile_text_in_a_search_matches_nothing_and_breaks_nothing()
    {
        await _client.OpenIncidentAsync();

        var page = await _client.GetJsonAsync($"/api/incidents?q={Uri.EscapeDataString("' OR 1=1 --")}");

        Assert.Equal(0, (long)page["total"]!);
        Assert.True((long)(await _client.GetJsonAsync("/api/incidents"))["total"]! >= 1);
    }

    [Fact]
    public async Task Accented_names_round_trip_exactly()
    {
        var incidentId = await _client.OpenIncidentAsync(new
        {
            title = "Prise d'otages à Trèbes",
            occurredOn = "2018-03-23",
            country = "FR",
            place = "Trèbes, près de Béziers",
            summary = "Le boucher Christian Medvès est tué.",
        });
        var created = await _client.SubmitReportAsync(incidentId, ReportBodies.Report("""
            [
              { "type": "person", "key": "christian-medves", "name": "Christian Medvès", "role": "boucher du supermarché", "status": "killed" },
              { "type": "location", "city": "Béziers", "region": "Occitanie", "country": "FR" }
            ]
            """, source: "Midi Libre — Béziers"));

        var view = await _client.GetJsonAsync($"/api/incidents/{incidentId}");
        var report = await _client.GetJsonAsync($"/api/reports/{created.ReportId}");
        var listed = await _client.GetJsonAsync("/api/incidents?country=FR&pageSize=100");

        Assert.Equal("Prise d'otages à Trèbes", (string?)view["title"]);
        Assert.Equal("Trèbes, près de Béziers", (string?)view["place"]);
        Assert.Equal("Le boucher Christian Medvès est tué.", (string?)view["summary"]);
        Assert.Equal("Christian Medvès", (string?)Assert.Single(view["people"]!.AsArray())!["name"]);
        Assert.Equal("boucher du supermarché", (string?)view["people"]![0]!["roles"]![0]!["value"]);
        Assert.Equal("Béziers", (string?)Assert.Single(view["locations"]!.AsArray())!["value"]!["city"]);
        Assert.Equal("Midi Libre — Béziers", (string?)Assert.Single(view["sources"]!.AsArray())!["name"]);
        Assert.Equal("Midi Libre — Béziers", (string?)report["source"]!["name"]);
        Assert.Equal("Christian Medvès", (string?)report["facts"]![0]!["fact"]!["name"]);
        Assert.Contains(listed["items"]!.AsArray(), i => (string?)i!["title"] == "Prise d'otages à Trèbes");
        var sources = JsonNode.Parse(await _client.GetStringAsync("/api/sources"))!.AsArray();
        Assert.Contains(sources, s => (string?)s!["name"] == "Midi Libre — Béziers");
    }
}
