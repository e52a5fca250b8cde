using System.Net;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Corrections;

public sealed class CorrectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_fact_entered_in_error_never_counted_on_the_publication_axis_but_did_on_the_record_until_retracted()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Outlet A", "2018-03-24", Killed(4)));
        var wrong = await client.PostReportOkAsync(id, Report("Outlet B", "2018-03-25", Killed(40)));
        var beforeRetraction = await NowBetweenWritesAsync();

        var response = await client.PostAsync($"/api/incidents/{id}/retractions", new
        {
            factIds = wrong["factIds"]!.AsArray().Select(f => (Guid)f!).ToArray(),
            kind = "entered-in-error",
            reason = "Typed 40 for 4.",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        foreach (var asOf in new[] { "2018-03-25", "2018-04-30", "2030-01-01" })
        {
            var view = await client.GetJsonAsync($"/api/incidents/{id}?asOf={asOf}");
            Assert.Equal((4, "single-source"), (view.Best("killed"), view.Status("killed")));
        }

        Assert.Equal(4, (await client.GetJsonAsync($"/api/incidents/{id}")).Best("killed"));
        var onRecordBefore = await client.GetJsonAsync($"/api/incidents/{id}?recordedAsOf={beforeRetraction}");
        Assert.Equal("disputed", onRecordBefore.Status("killed"));
        Assert.Equal(2, onRecordBefore.Figure("killed")!["reports"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_claim_withdrawn_by_its_source_counts_from_publication_until_the_correction()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Outlet A", "2018-03-24", Killed(4)));
        var withdrawn = await client.PostReportOkAsync(id, Report("Outlet B", "2018-03-25", Killed(5)));
        var beforeRetraction = await NowBetweenWritesAsync();

        var response = await client.PostAsync($"/api/incidents/{id}/retractions", new
        {
            reportId = (Guid)withdrawn["reportId"]!,
            kind = "withdrawn-by-source",
            reason = "Outlet B corrected its article to four dead.",
            publishedAt = "2018-03-28",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var beforeCorrection = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-03-27");
        var afterCorrection = await client.GetJsonAsync($"/api/incidents/{id}?asOf=2018-03-28");
        var onRecordBefore = await client.GetJsonAsync($"/api/incidents/{id}?recordedAsOf={beforeRetraction}&asOf=2018-03-30");
        Assert.Equal((5, "disputed"), (beforeCorrection.Best("killed"), beforeCorrection.Status("killed")));
        Assert.Equal((4, "single-source"), (afterCorrection.Best("killed"), afterCorrection.Status("killed")));
        Assert.Equal("disputed", onRecordBefore.Status("killed"));
        var report = await client.GetJsonAsync($"/api/reports/{withdrawn["reportId"]}");
        Assert.Equal("withdrawn-by-source", (string?)report["facts"]![0]!["retraction"]!["kind"]);
    }

    [Fact]
    public async Task Retracting_again_is_409_and_an_unknown_fact_is_400_and_neither_writes()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        var report = await client.PostReportOkAsync(id, Report("Outlet", "2018-03-24", Killed(4)));
        var factId = (Guid)report["factIds"]![0]!;
        var retraction = new { factIds = new[] { factId }, kind = "entered-in-error", reason = "duplicate entry" };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/incidents/{id}/retractions", retraction)).StatusCode);
        var events = await host.CountAsync("mt_events");

        var again = await client.PostAsync($"/api/incidents/{id}/retractions", retraction);
        var unknown = await client.PostAsync($"/api/incidents/{id}/retractions", new { factIds = new[] { Guid.NewGuid() }, kind = "entered-in-error", reason = "x" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(factId.ToString(), (string?)(await again.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.ReadJsonAsync())["errors"]!["factIds[0]"]);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }

    [Theory]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"withdrawn-by-source","reason":"r"}""", "publishedAt")]
    [InlineData("""{"kind":"entered-in-error","reason":"r"}""", "factIds")]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"deleted","reason":"r"}""", "kind")]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"entered-in-error"}""", "reason")]
    public async Task Malformed_retractions_are_400_with_the_field_named(string body, string field)
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        var events = await host.CountAsync("mt_events");

        var response = await client.PostJsonAsync($"/api/incidents/{id}/retractions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }

    [Fact]
    public async Task An_adjudication_fixes_the_best_figure_until_a_later_report_is_published()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Outlet A", "2018-03-26", Wounded(15)));
        await client.PostReportOkAsync(id, Report("Outlet B", "2018-03-29", Wounded(16)));

        var response = await client.PostAsync($"/api/incidents/{id}/adjudications", new { category = "wounded", value = 16, rationale = "Hospital records list 16." });
        var adjudicated = await client.GetJsonAsync($"/api/incidents/{id}");
        await client.PostReportOkAsync(id, Report("Outlet C", "2018-04-02", Wounded(17)));
        var stillAdjudicated = await client.GetJsonAsync($"/api/incidents/{id}");
        var publishedLater = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mmZ", System.Globalization.CultureInfo.InvariantCulture);
        await client.PostReportOkAsync(id, Report("Outlet D", publishedLater, Wounded(17)));
        var superseded = await client.GetJsonAsync($"/api/incidents/{id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((16, "adjudicated"), (adjudicated.Best("wounded"), adjudicated.Status("wounded")));
        Assert.Equal("Hospital records list 16.", (string?)adjudicated.Figure("wounded")!["rationale"]);
        Assert.Equal((16, "adjudicated"), (stillAdjudicated.Best("wounded"), stillAdjudicated.Status("wounded")));
        Assert.Equal((17, "disputed"), (superseded.Best("wounded"), superseded.Status("wounded")));
        Assert.Null(superseded.Figure("wounded")!["rationale"]);
    }

    [Fact]
    public async Task A_correction_with_a_stale_if_match_is_412_and_writes_nothing()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        await client.PostReportOkAsync(id, Report("Outlet A", "2018-03-26", Wounded(15)));
        var events = await host.CountAsync("mt_events");

        var response = await client.PostJsonAsync(
            $"/api/incidents/{id}/adjudications",
            """{"category":"wounded","value":15,"rationale":"r"}""",
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }
}
