using System.Net;
using AttackTracker.Api.TimeTravel;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Reports;

public sealed class ConcurrentReportTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Thirty_two_clients_posting_twenty_five_reports_each_all_land_without_a_conflict()
    {
        const int clients = 32;
        const int reportsEach = 25;
        var id = await host.OpenIncidentId();

        var statuses = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            // Thirty-two clients of their own posting at once: the promise is about concurrent connections.
            var client = host.CreateClient();
            var seen = new List<HttpStatusCode>();
            for (var r = 0; r < reportsEach; r++)
            {
                var response = await client.PostReportAsync(id, Report($"Outlet {c}", "2018-03-24", Killed(3 + (r % 3))));
                seen.Add(response.StatusCode);
            }

            return seen;
        })));

        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Created, s));
        var view = await host.Incident(id);
        Assert.Equal(clients * reportsEach, view.ReportCount);
        var total = 1 + (clients * reportsEach * 2);
        Assert.Equal(total, view.Version);
        var versions = new List<long>();
        for (long from = 1; from <= total; from += 100)
        {
            var page = await host.Get<EventPage>($"/api/incidents/{id}/events?fromVersion={from}&limit=100");
            versions.AddRange(page.Items.Select(e => e.Version));
        }

        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), versions);
        var integrity = await host.Get<StreamIntegrity>($"/api/incidents/{id}/integrity");
        Assert.Null(integrity.FirstBrokenVersion);
        Assert.Equal(total, integrity.EventsChecked);
    }
}
