using AttackTracker.Domain.Reports;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Marten.Services.Json.Transformations.SystemTextJson.JsonTransformations;

namespace AttackTracker.Api.Tests.Store;

/// <summary>
/// A stored type name is never reused: a new shape gets a new name, and rows of the old name are
/// read through Marten's upcasting (docs/events.md). This host reads a made-up earlier shape of
/// note_recorded, "note_recorded_v0" with the text at the top level, as today's NoteRecorded.
/// </summary>
public sealed class UpcastingHost : ApiHost
{
    public const string OldName = "note_recorded_v0";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureMarten(options => options.Events.Upcast<NoteRecorded>(
            OldName,
            Upcast(json =>
            {
                var old = json.RootElement;
                return new NoteRecorded(
                    old.GetProperty("factId").GetGuid(),
                    old.GetProperty("reportId").GetGuid(),
                    new NoteFact { Text = old.GetProperty("text").GetString()! });
            })));
}

public sealed class UpcastingTests(UpcastingHost host) : IClassFixture<UpcastingHost>
{
    [Fact]
    public async Task A_row_stored_under_an_old_name_is_read_as_todays_event()
    {
        var client = host.CreateClient();
        var id = await client.OpenIncidentAsync();
        var report = await client.SubmitReportAsync(id, ReportBodies.Note("Written today."));
        var oldFactId = Guid.CreateVersion7();

        // As an earlier version of the service would have stored it: appended to the stream
        // behind today's projections, so the stored state is one version behind.
        await host.ExecuteAsync($$"""
            WITH s AS (UPDATE __schema__.mt_streams SET version = version + 1 WHERE id = '{{id}}' RETURNING version)
            INSERT INTO __schema__.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, user_name)
            SELECT nextval('__schema__.mt_events_sequence'), '{{oldFactId}}', '{{id}}', s.version,
                   '{"factId": "{{oldFactId}}", "reportId": "{{report.ReportId}}", "text": "Written long ago."}',
                   '{{UpcastingHost.OldName}}', clock_timestamp(), '*DEFAULT*', 'earlier-service'
            FROM s
            """);

        var view = await client.GetJsonAsync($"/api/incidents/{id}");
        var events = await client.GetJsonAsync($"/api/incidents/{id}/events");

        Assert.Equal(report.Version + 1, (long)view["version"]!);
        Assert.Equal(
            ["Written today.", "Written long ago."],
            view["notes"]!.AsArray().Select(n => (string?)n!["value"]).Order(StringComparer.Ordinal).Reverse());
        var old = events["items"]!.AsArray().Single(e => (long)e!["version"]! == report.Version + 1);
        Assert.Equal("Written long ago.", (string?)old!["data"]!["fact"]!["text"]);
        Assert.Equal("earlier-service", (string?)old["recordedBy"]);
    }
}
