using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.Statistics.StatsSupport;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Statistics;

/// <summary>GET /api/stats with Accept: text/csv (docs/stats.md, "As CSV").</summary>
public sealed class StatsCsvTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task With_Accept_text_csv_the_rows_come_as_csv_every_one_unless_paged_and_an_absent_sum_is_an_empty_cell()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync(Opening("EE", "2016-03-01"));
        await client.PostReportOkAsync(id, Report("Wire", "2016-03-02", Killed(3)));
        var later = await client.OpenIncidentAsync(Opening("EE", "2017-03-01"));
        await client.PostReportOkAsync(later, Report("Wire", "2017-03-02", Casualties(new { atLeast = 2 }, 5)));
        await client.CaughtUpAsync("/api/stats?groupBy=country,year&country=EE");

        async Task<(HttpResponseMessage Response, string[] Lines)> CsvAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/csv");
            var response = await client.SendAsync(request);
            return (response, (await response.Content.ReadAsStringAsync()).Split("\r\n"));
        }

        var (response, lines) = await CsvAsync("/api/stats?groupBy=country,year&country=EE");
        var (_, paged) = await CsvAsync("/api/stats?groupBy=country,year&country=EE&pageSize=1&page=2");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(
            [
                "country,year,incidents,killed_low,killed_best,killed_high,killed_reported,killed_not_reported,killed_unbounded,wounded_low,wounded_best,wounded_high,wounded_reported,wounded_not_reported,wounded_unbounded,disputed,single_source",
                "EE,2016,1,3,3,3,1,0,0,,,,0,1,0,0,1",
                "EE,2017,1,2,2,,1,0,1,5,5,5,1,0,0,0,1",
                string.Empty,
            ],
            lines);
        Assert.Equal([lines[0], lines[2], string.Empty], paged);
        Assert.Equal("application/json", (await client.GetAsync("/api/stats?groupBy=country,year&country=EE")).Content.Headers.ContentType!.MediaType);
    }
}
