using System.Diagnostics;
using AttackTracker.Api.TimeTravel;
using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.TimeTravel;

/// <summary>
/// What an anonymous read of a long incident costs (issue 26 item 12): the history and the incident
/// page fold the stream once per version, not once per request. The test prints its figures;
/// docs/performance.md records a run.
/// </summary>
public sealed class HistoryCostTests(ApiHost host, ITestOutputHelper output) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Reading_the_history_or_the_page_of_a_long_incident_again_does_not_fold_it_again()
    {
        var incident = await host.OpenIncidentId();
        for (var n = 0; n < 150; n++)
        {
            await host.SubmitReport(incident, ReportBodies.Report($$"""
                [
                  { "type": "casualties", "killed": {{n % 7}}, "wounded": {{n % 11}} },
                  { "type": "timeline", "at": "2018-03-23", "description": "Step {{n}}" },
                  { "type": "person", "key": "person-{{n}}", "name": "Person {{n}}", "role": "witness", "status": "unharmed" },
                  { "type": "note", "text": "Note {{n}}" }
                ]
                """, source: $"Outlet {n % 40}"));
        }

        // A bare anonymous client: the timings are of the request, without a scenario's own checks.
        var reader = host.CreateClient(apiKey: null);
        var history = $"/api/incidents/{incident}/history?pageSize=100";
        var page = $"/incidents/{incident}";
        var (coldHistory, warmHistory) = await CostAsync(reader, history);
        // A new version, so that the page builds the history afresh before it is read again.
        await host.SubmitReport(incident, ReportBodies.Note("A new version."));
        var (coldPage, warmPage) = await CostAsync(reader, page);

        output.WriteLine($"{(await host.Incident(incident)).Version} events; /history: first {coldHistory.TotalMilliseconds:0} ms, then {warmHistory.TotalMilliseconds:0.0} ms; the page: first {coldPage.TotalMilliseconds:0} ms, then {warmPage.TotalMilliseconds:0.0} ms (medians of 10)");
        Assert.True(warmHistory * 4 < coldHistory, $"/history: {warmHistory.TotalMilliseconds:0.0} ms again after {coldHistory.TotalMilliseconds:0} ms the first time");
        Assert.True(warmPage * 2 < coldPage, $"the page: {warmPage.TotalMilliseconds:0.0} ms again after {coldPage.TotalMilliseconds:0} ms the first time");

        await host.SubmitReport(incident, ReportBodies.Note("One more."));
        var after = await host.Get<HistoryPage>(history + "&page=2");
        Assert.Equal(153, after.Total);
    }

    /// <summary>The first read, and the median of ten more.</summary>
    private static async Task<(TimeSpan First, TimeSpan Again)> CostAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
        var first = clock.Elapsed;
        var again = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            clock.Restart();
            (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
            again.Add(clock.Elapsed);
        }

        return (first, again.Order().ElementAt(5));
    }
}
