using System.Net;

namespace AttackTracker.Api.Tests.Admin;

/// <summary>
/// A rebuild's progress in /health (issue 27): events done and left, this run's rate and the time
/// left, from its marker row (Sql/0012). The marker is written here as a crash would leave it, so
/// the figures are known: 500 of 1,500 events in 10 s of this run.
/// </summary>
public sealed class RebuildProgressTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Health_reports_an_unfinished_rebuild_with_events_left_rate_and_time_left_and_is_healthy_once_it_is_gone()
    {
        var client = host.CreateClient();
        await host.ExecuteAsync("""
            INSERT INTO __schema__.rebuild_runs (name, projections, started_at, updated_at, target, done, total, events_done, events_total, run_started_at, run_events_from, resumed)
            VALUES ('read_models', '{incident_state}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z', 1500, 100, 300, 500, 1500, '2026-01-01T00:00:00Z', 0, 1)
            """);

        var rebuilding = await client.GetJsonAsync("/health");
        await host.ExecuteAsync("DELETE FROM __schema__.rebuild_runs");
        var healthy = await client.GetAsync("/health");

        Assert.Equal("rebuilding", (string?)rebuilding["status"]);
        var progress = rebuilding["rebuild"]!.AsArray().Single()!;
        Assert.Equal("read_models", (string?)progress["part"]);
        Assert.Equal("interrupted", (string?)progress["state"]);
        Assert.Equal((100L, 300L, 500L, 1000L), ((long)progress["incidentsDone"]!, (long)progress["incidentsTotal"]!, (long)progress["eventsDone"]!, (long)progress["eventsLeft"]!));
        Assert.Equal(50.0, (double)progress["eventsPerSecond"]!);
        Assert.Equal(20.0, (double)progress["secondsLeft"]!);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var after = await healthy.ReadJsonAsync();
        Assert.Equal("healthy", (string?)after["status"]);
        Assert.Null(after["rebuild"]);
    }
}
