using System.Net;
using Alba;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain.Audit;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Reports;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.TimeTravel;

public sealed class AuditTests(ApiHost host) : IClassFixture<ApiHost>
{
    private async Task<(Guid Id, ReportCreated First, ReportCreated Second)> TwoReportsAsync()
    {
        var opened = await host.Post("/api/incidents", Carcassonne, HttpStatusCode.Created, Correlated);
        var id = (await opened.Read<IncidentView>()).Id;
        var first = await host.Post($"/api/incidents/{id}/reports", Report("Outlet A", "2018-03-26", Wounded(15)), HttpStatusCode.Created, Correlated);
        var second = await host.Post($"/api/incidents/{id}/reports", Report("Outlet B", "2018-03-29", Wounded(16)), HttpStatusCode.Created, Correlated);
        return (id, await first.Read<ReportCreated>(), await second.Read<ReportCreated>());
    }

    private static void Correlated(Scenario scenario) => scenario.WithRequestHeader("X-Correlation-Id", "audit-test");

    [Fact]
    public async Task History_has_one_entry_per_commit_with_provenance_and_exact_changes()
    {
        var (id, first, second) = await TwoReportsAsync();

        var history = await host.Get<HistoryPage>($"/api/incidents/{id}/history");

        var items = history.Items;
        Assert.Equal(3, history.Total);
        Assert.Equal([ChangeKind.Opened, ChangeKind.Report, ChangeKind.Report], items.Select(i => i.Kind));
        var last = items[2];
        Assert.Equal((first.Version + 1, second.Version), (last.FromVersion, last.ToVersion));
        Assert.Equal(second.ReportId, last.ReportId);
        Assert.Equal("Outlet B", last.Source);
        Assert.Equal(new DateTimeOffset(2018, 3, 29, 0, 0, 0, TimeSpan.Zero), last.PublishedAt);
        Assert.Equal(TimeSpan.Zero, last.PublishedAt!.Value.Offset);
        Assert.Equal(ApiHost.EditorName, last.RecordedBy);
        Assert.Equal("audit-test", last.CorrelationId);
        var changes = last.Changes.ToDictionary(c => c.Path, c => (c.From?.ToJsonString(), c.To?.ToJsonString()));
        Assert.Equal(("15", "16"), changes["casualties.wounded.best"]);
        Assert.Equal(("15", "16"), changes["casualties.wounded.high"]);
        Assert.Equal(("\"single-source\"", "\"disputed\""), changes["casualties.wounded.status"]);
        Assert.Equal(("1", "2"), changes["reportCount"]);
        Assert.Equal((null, "1"), changes["sources.Outlet B.reportCount"]);
        Assert.False(changes.ContainsKey("casualties.wounded.low"));
    }

    [Fact]
    public async Task History_follows_one_path_and_pages()
    {
        var (id, _, _) = await TwoReportsAsync();
        await host.Post($"/api/incidents/{id}/adjudications", new { category = "wounded", value = 16, rationale = "records" }, HttpStatusCode.Created);

        var wounded = await host.Get<HistoryPage>($"/api/incidents/{id}/history?path=casualties.wounded.status");
        var secondPage = await host.Get<HistoryPage>($"/api/incidents/{id}/history?page=2&pageSize=2");

        Assert.Equal(
            ["single-source", "disputed", "adjudicated"],
            wounded.Items.Select(i => (string)i.Changes[0].To!));
        Assert.All(wounded.Items, i => Assert.Single(i.Changes));
        Assert.Equal(4, secondPage.Total);
        Assert.Equal([ChangeKind.Report, ChangeKind.Adjudication], secondPage.Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task A_diff_between_two_points_on_either_axis_lists_exactly_what_changed()
    {
        var (id, first, second) = await TwoReportsAsync();

        var byVersion = await host.Get<DiffView>($"/api/incidents/{id}/diff?fromVersion={first.Version}&toVersion={second.Version}");
        var byPublication = await host.Get<DiffView>($"/api/incidents/{id}/diff?fromAsOf=2018-03-26&toAsOf=2018-03-29");
        var same = await host.Get<DiffView>($"/api/incidents/{id}/diff?fromAsOf=2018-03-29&toVersion={second.Version}");

        Assert.Equal(16, (int)byVersion.Changes.Single(c => c.Path == "casualties.wounded.best").To!);
        Assert.Equal(
            byVersion.Changes.Select(c => (c.Path, c.From?.ToJsonString(), c.To?.ToJsonString())),
            byPublication.Changes.Select(c => (c.Path, c.From?.ToJsonString(), c.To?.ToJsonString())));
        Assert.Empty(same.Changes);
    }

    [Fact]
    public async Task The_raw_stream_carries_every_event_with_its_metadata()
    {
        var (id, _, second) = await TwoReportsAsync();

        var page = await host.Get<EventPage>($"/api/incidents/{id}/events?fromVersion=4&limit=2");
        var raw = await host.GetJson($"/api/incidents/{id}/events?fromVersion=4&limit=2");

        var items = page.Items;
        Assert.Equal([4L, 5L], items.Select(i => i.Version));
        var submitted = items[0];
        Assert.Equal("report_submitted", submitted.Type);
        Assert.Equal(second.ReportId, submitted.ReportId);
        Assert.Equal("Outlet B", submitted.Source);
        Assert.Equal("audit-test", submitted.CorrelationId);
        Assert.Equal(ApiHost.EditorName, submitted.RecordedBy);
        Assert.NotNull(raw["items"]![0]!["position"]);
        // The causation id names the request: the same for a report's events, another for the next report.
        var causation = submitted.CausationId;
        Assert.False(string.IsNullOrEmpty(causation));
        Assert.Equal(causation, items[1].CausationId);
        var earlier = await host.Get<EventPage>($"/api/incidents/{id}/events?fromVersion=2&limit=1");
        Assert.NotEqual(causation, earlier.Items[0].CausationId);
        // The event's data is the stored event's own JSON, which has no type the test can read it as.
        Assert.Equal(16, (int)raw["items"]![1]!["data"]!["fact"]!["wounded"]!);
        Assert.Null(page.NextFromVersion);
    }

    [Theory]
    [InlineData("history?page=0")]
    [InlineData("history?pageSize=500")]
    [InlineData("diff?fromAsOf=soon")]
    [InlineData("events?limit=0")]
    [InlineData("figures/injured")]
    public async Task Bad_audit_parameters_are_400(string query)
    {
        var id = await host.OpenIncidentId();

        await host.GetProblem($"/api/incidents/{id}/{query}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Audit_of_an_unknown_incident_is_404()
    {
        foreach (var audit in new[] { "history", "events", "diff" })
        {
            await host.Scenario(s =>
            {
                s.Get.Url($"/api/incidents/{Guid.NewGuid()}/{audit}");
                s.StatusCodeShouldBe(HttpStatusCode.NotFound);
            });
        }
    }
}
