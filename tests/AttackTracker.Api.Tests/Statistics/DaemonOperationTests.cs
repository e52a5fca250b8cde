using System.Net;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Reports;
using Marten;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.Statistics.StatsSupport;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Statistics;

/// <summary>The statistics projection on the daemon: a poison event, a rebuild under load, verify.</summary>
public sealed class DaemonOperationTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Rebuilding_the_statistics_under_load_serves_reads_and_writes_and_ends_equal_to_a_fresh_fold()
    {
        var client = host.CreateClient();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var id = await client.OpenIncidentAsync(Opening("PL", $"20{10 + i}-05-01"));
            await client.PostReportOkAsync(id, Report("Wire", $"20{10 + i}-05-02", Casualties(i, 2 * i), Claim(i % 2 == 0 ? "Group A" : "Group B")));
            ids.Add(id);
        }

        await client.CaughtUpAsync("/api/stats?country=PL");
        using var load = new CancellationTokenSource();
        var writes = 0;
        var reads = 0;
        var writer = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                var response = await client.PostReportAsync(ids[writes % ids.Count], Report($"Load {writes}", "2024-01-01", Killed(100 + writes)));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                writes++;
            }
        });
        var readerTask = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats?groupBy=group&country=PL")).StatusCode);
                reads++;
            }
        });

        var rebuild = await client.PostAsync("/api/admin/rebuild?projection=incident_stats", null);
        await load.CancelAsync();
        await Task.WhenAll(writer, readerTask);
        var result = await rebuild.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, rebuild.StatusCode);
        Assert.Equal(["incident_stats"], result["projections"]!.AsArray().Select(p => (string?)p));
        Assert.True(writes > 0 && reads > 0, $"{writes} writes, {reads} reads during the rebuild");
        var now = await client.CaughtUpAsync("/api/stats?groupBy=group&country=PL");
        var fresh = await client.GetJsonAsync("/api/stats?groupBy=group&country=PL&asOf=2999-12-31&recordedAsOf=2999-12-31");
        Assert.Equal(fresh.RowsWithoutSequence(), now.RowsWithoutSequence());
        var verify = await client.GetJsonAsync("/api/admin/verify");
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
    }

    [Fact]
    public async Task Rebuilding_an_unknown_projection_is_400_naming_it()
    {
        var response = await host.CreateClient().PostAsync("/api/admin/rebuild?projection=everything", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["projection"]);
    }
}

/// <summary>A poison event, on a schema of its own: the store it leaves is inconsistent on purpose.</summary>
public sealed class PoisonEventTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_poison_event_is_recorded_for_editors_and_the_projection_keeps_folding()
    {
        var client = host.CreateClient();
        var poisoned = await client.OpenIncidentAsync(Opening("HU", "2020-01-01"));
        var report = await client.SubmitReportAsync(poisoned, Report("Wire", "2020-01-02", Killed(2)));
        await client.CaughtUpAsync("/api/stats?country=HU");

        await AppendPoisonAsync(poisoned, report.ReportId);

        var healthy = await client.OpenIncidentAsync(Opening("HU", "2020-02-01"));
        await client.PostReportOkAsync(healthy, Report("Wire", "2020-02-02", Killed(3)));
        var row = (await client.CaughtUpAsync("/api/stats?country=HU")).Row("country", "HU");
        var failures = await client.GetJsonAsync("/api/admin/projection-failures");
        var reader = host.CreateClient(await host.CreateKeyAsync("poison-reader", Keys.Roles.Reader));

        Assert.Equal((2, 5L), ((int)row["incidents"]!, row.Sums("killed").Best));
        var failure = failures["items"]!.AsArray().Single(f => (Guid?)f!["incidentId"] == poisoned)!;
        Assert.Equal(("incident_stats", "responsibility_claimed"), ((string?)failure["projection"], (string?)failure["eventType"]));
        Assert.False(string.IsNullOrEmpty((string?)failure["exceptionType"]));
        Assert.False(string.IsNullOrEmpty((string?)failure["message"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/admin/projection-failures")).StatusCode);
    }

    [Fact]
    public async Task Verify_names_the_stream_that_holds_a_poison_event_instead_of_failing()
    {
        var client = host.CreateClient();
        var poisoned = await client.OpenIncidentAsync(Opening("RO", "2020-01-01"));
        var report = await client.SubmitReportAsync(poisoned, Report("Wire", "2020-01-02", Killed(2)));
        await AppendPoisonAsync(poisoned, report.ReportId);

        var verify = await client.GetJsonAsync("/api/admin/verify");

        Assert.False((bool)verify["consistent"]!);
        Assert.Contains(verify["differences"]!.AsArray(), d => (Guid?)d!["incidentId"] == poisoned && ((string?)d["detail"])!.Contains("cannot be read", StringComparison.Ordinal));
    }

    /// <summary>
    /// A claim without a claimant, as an older writer or a bad import could have stored it: the
    /// service's own validation never lets one through, so it is appended past it.
    /// </summary>
    private async Task AppendPoisonAsync(Guid incident, Guid reportId)
    {
        using var library = DocumentStore.For(options =>
        {
            StoreSetup.Configure(options, new StoreSettings(host.ConnectionString, host.ConnectionString, host.Schema, StoreSettings.DefaultServiceRole), projections: false);
            options.Connection(host.ConnectionString);
            options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        });
        await using var session = library.LightweightSession();
        session.Events.Append(incident, new ResponsibilityClaimed(Guid.NewGuid(), reportId, new ClaimFact { Claimant = null! }));
        await session.SaveChangesAsync();
    }
}
