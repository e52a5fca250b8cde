using System.Net;
using System.Text.Json.Nodes;
using AttackTracker.Api.Samples;

namespace AttackTracker.Api.Tests.Samples;

public sealed class SampleLoaderTests(SampleApiHost host) : IClassFixture<SampleApiHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task The_loader_opens_every_sample_incident_at_its_fixed_id()
    {
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples.Folder, "incidents.json")))!.AsArray();

        foreach (var sample in samples)
        {
            var response = await _client.GetAsync($"/api/incidents/{SampleLoader.IncidentId((string)sample!["key"]!)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var view = await response.ReadJsonAsync();
            Assert.Equal((string?)sample["title"], (string?)view["title"]);
            Assert.True((int)view["reportCount"]! > 0, $"{sample["key"]} has no report");
        }
    }

    [Theory]
    [InlineData("charlie-hebdo-2015-01", "2015-01-07")]
    [InlineData("hypercacher-2015-01", "2015-01-08")]
    [InlineData("magnanville-2016-06", "2016-06-13")]
    [InlineData("normandy-church-2016-07", "2016-07-26")]
    [InlineData("edmonton-2017-10-01", "2017-09-30")]
    [InlineData("arras-2023-10", "2023-10-13")]
    public async Task A_sample_incident_carries_the_day_it_happened_not_an_invented_first_of_the_month(string key, string day)
    {
        var view = await _client.GetJsonAsync($"/api/incidents/{SampleLoader.IncidentId(key)}");

        Assert.Equal(day, (string?)view["occurredOn"]);
        Assert.DoesNotContain("placeholder", (string?)view["summary"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_export_writes_the_sample_days_where_it_wrote_the_first_of_the_month()
    {
        var csv = await _client.GetStringAsync("/api/export/gtd.csv?country=FR&from=2015-01-01&to=2015-01-31");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',').ToList();
        var days = lines.Skip(1).Select(l => l.Split(',')).Select(c => (c[header.IndexOf("imonth")], c[header.IndexOf("iday")])).Distinct().Order().ToList();
        Assert.Equal([("1", "7"), ("1", "8")], days);
    }

    [Fact]
    public async Task The_loader_builds_the_same_Carcassonne_view_as_the_reports_posted_over_http()
    {
        var loaded = await _client.GetJsonAsync($"/api/incidents/{SampleLoader.IncidentId("carcassonne-trebes-2018")}");
        var ids = await Examples.PostAllAsync(_client);

        var posted = await _client.GetJsonAsync($"/api/incidents/{ids["carcassonne-trebes-2018"]}");

        Assert.Equal(4, (int)loaded["casualties"]!["killed"]!["best"]!);
        Assert.Equal((int)posted["reportCount"]!, (int)loaded["reportCount"]!);
        Assert.Equal((long)posted["version"]!, (long)loaded["version"]!);
        foreach (var section in new[] { "casualties", "people", "claims", "perpetrators", "timeline", "sources" })
        {
            var expected = WithoutIds(posted[section]);
            var actual = WithoutIds(loaded[section]);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{section} differs:\n{expected?.ToJsonString()}\n{actual?.ToJsonString()}");
        }
    }

    /// <summary>Report and fact ids are minted per submission; everything else must match.</summary>
    private static JsonNode? WithoutIds(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    o.Remove("reportId");
                    o.Remove("factId");
                    foreach (var (_, value) in o)
                    {
                        Strip(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }

    [Fact]
    public async Task A_production_start_on_an_empty_database_loads_no_sample_and_development_does()
    {
        await using var empty = new ApiHost();
        await empty.InitializeAsync();
        var unset = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        SampleLoader Loader(string environment) => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<SampleLoader>(
            empty.Services, unset, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });

        await Loader("Production").StartAsync(CancellationToken.None);
        Assert.Equal(0, await empty.CountAsync("mt_streams"));

        await Loader("Development").StartAsync(CancellationToken.None);
        Assert.True(await empty.CountAsync("mt_streams") > 0, "Development loads the samples into an empty database");
    }
}
