using System.Net;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Corrections;
using Microsoft.AspNetCore.Mvc;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Corrections;

public sealed class CorrectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_fact_entered_in_error_never_counted_on_the_publication_axis_but_did_on_the_record_until_retracted()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Outlet A", "2018-03-24", Killed(4)));
        var wrong = await host.SubmitReport(id, Report("Outlet B", "2018-03-25", Killed(40)));
        var beforeRetraction = await NowBetweenWritesAsync();

        await host.Post($"/api/incidents/{id}/retractions", new { factIds = wrong.FactIds, kind = "entered-in-error", reason = "Typed 40 for 4." }, HttpStatusCode.Created);

        foreach (var asOf in new[] { "2018-03-25", "2018-04-30", "2030-01-01" })
        {
            FigureIs((await host.Incident(id, $"?asOf={asOf}")).Casualties.Killed, 4, FigureStatus.SingleSource);
        }

        Assert.Equal(4, (await host.Incident(id)).Casualties.Killed?.Best);
        var onRecordBefore = (await host.Incident(id, $"?recordedAsOf={beforeRetraction}")).Casualties.Killed;
        Assert.Equal(FigureStatus.Disputed, onRecordBefore?.Status);
        Assert.Equal(2, onRecordBefore!.Reports.Count);
    }

    [Fact]
    public async Task A_claim_withdrawn_by_its_source_counts_from_publication_until_the_correction()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Outlet A", "2018-03-24", Killed(4)));
        var withdrawn = await host.SubmitReport(id, Report("Outlet B", "2018-03-25", Killed(5)));
        var beforeRetraction = await NowBetweenWritesAsync();

        await host.Post($"/api/incidents/{id}/retractions", new
        {
            reportId = withdrawn.ReportId,
            kind = "withdrawn-by-source",
            reason = "Outlet B corrected its article to four dead.",
            publishedAt = "2018-03-28",
        }, HttpStatusCode.Created);

        var beforeCorrection = await host.Incident(id, "?asOf=2018-03-27");
        var afterCorrection = await host.Incident(id, "?asOf=2018-03-28");
        var onRecordBefore = await host.Incident(id, $"?recordedAsOf={beforeRetraction}&asOf=2018-03-30");
        FigureIs(beforeCorrection.Casualties.Killed, 5, FigureStatus.Disputed);
        FigureIs(afterCorrection.Casualties.Killed, 4, FigureStatus.SingleSource);
        Assert.Equal(FigureStatus.Disputed, onRecordBefore.Casualties.Killed?.Status);
        var report = await host.Report(withdrawn.ReportId);
        Assert.Equal(RetractionKind.WithdrawnBySource, report.Facts[0].Retraction?.Kind);
    }

    [Fact]
    public async Task Retracting_again_is_409_and_an_unknown_fact_is_400_and_neither_writes()
    {
        var id = await host.OpenIncidentId();
        var report = await host.SubmitReport(id, Report("Outlet", "2018-03-24", Killed(4)));
        var factId = report.FactIds[0];
        var retraction = new { factIds = new[] { factId }, kind = "entered-in-error", reason = "duplicate entry" };
        await host.Post($"/api/incidents/{id}/retractions", retraction, HttpStatusCode.Created);
        var events = await host.CountAsync("mt_events");

        var again = await host.Post($"/api/incidents/{id}/retractions", retraction, HttpStatusCode.Conflict);
        var unknown = await host.Post($"/api/incidents/{id}/retractions", new { factIds = new[] { Guid.NewGuid() }, kind = "entered-in-error", reason = "x" }, HttpStatusCode.BadRequest);

        Assert.Contains(factId.ToString(), (await again.Read<ProblemDetails>()).Detail, StringComparison.Ordinal);
        Assert.Contains("factIds[0]", (await unknown.Read<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }

    [Theory]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"withdrawn-by-source","reason":"r"}""", "publishedAt")]
    [InlineData("""{"kind":"entered-in-error","reason":"r"}""", "factIds")]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"deleted","reason":"r"}""", "kind")]
    [InlineData("""{"factIds":["00000000-0000-0000-0000-000000000001"],"kind":"entered-in-error"}""", "reason")]
    public async Task Malformed_retractions_are_400_with_the_field_named(string body, string field)
    {
        var id = await host.OpenIncidentId();
        var events = await host.CountAsync("mt_events");

        var response = await host.Post($"/api/incidents/{id}/retractions", body, HttpStatusCode.BadRequest);

        Assert.Contains(field, (await response.Read<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(events, await host.CountAsync("mt_events"));
    }

    [Fact]
    public async Task An_adjudication_fixes_the_best_figure_until_a_later_report_is_published()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Outlet A", "2018-03-26", Wounded(15)));
        await host.SubmitReport(id, Report("Outlet B", "2018-03-29", Wounded(16)));

        await host.Post($"/api/incidents/{id}/adjudications", new { category = "wounded", value = 16, rationale = "Hospital records list 16." }, HttpStatusCode.Created);
        var adjudicated = (await host.Incident(id)).Casualties.Wounded;
        await host.SubmitReport(id, Report("Outlet C", "2018-04-02", Wounded(17)));
        var stillAdjudicated = (await host.Incident(id)).Casualties.Wounded;
        var publishedLater = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mmZ", System.Globalization.CultureInfo.InvariantCulture);
        await host.SubmitReport(id, Report("Outlet D", publishedLater, Wounded(17)));
        var superseded = (await host.Incident(id)).Casualties.Wounded;

        FigureIs(adjudicated, 16, FigureStatus.Adjudicated);
        Assert.Equal("Hospital records list 16.", adjudicated!.Rationale);
        FigureIs(stillAdjudicated, 16, FigureStatus.Adjudicated);
        FigureIs(superseded, 17, FigureStatus.Disputed);
        Assert.Null(superseded!.Rationale);
    }

    [Fact]
    public async Task A_correction_with_a_stale_if_match_is_412_and_writes_nothing()
    {
        var id = await host.OpenIncidentId();
        await host.SubmitReport(id, Report("Outlet A", "2018-03-26", Wounded(15)));
        var events = await host.CountAsync("mt_events");

        await host.Post(
            $"/api/incidents/{id}/adjudications",
            """{"category":"wounded","value":15,"rationale":"r"}""",
            HttpStatusCode.PreconditionFailed,
            s => s.WithRequestHeader("If-Match", "\"1\""));

        Assert.Equal(events, await host.CountAsync("mt_events"));
    }
}
