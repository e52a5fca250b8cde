using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace AttackTracker.Api.Tests.Store;

/// <summary>
/// Faults under concurrent load, on a cluster and a service process of the test's own: the
/// service is killed with SIGKILL mid-load and restarted, then PostgreSQL is crashed
/// (pg_ctl stop -m immediate) mid-load and restarted while the service keeps running. After each,
/// every acknowledged report must be there whole, no report may be half-written, and verify and
/// the hash chain must find nothing wrong. Figures from the last run are in docs/reliability.md.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const int Writers = 8;
    private const int FactsPerReport = 5;

    private sealed record Outcome(HttpStatusCode? Status, Guid? ReportId, IReadOnlyList<Guid> FactIds, bool RetryAfter);

    [Fact]
    public async Task Acknowledged_reports_survive_a_killed_service_and_a_crashed_database()
    {
        await using var cluster = await ThrowawayCluster.StartAsync();
        var (exit, key, errors) = await Repository.RunAsync(
            "dotnet", [Repository.ApiDll, "keys", "add", "chaos", "editor"], ServiceProcess.Environment(cluster.ConnectionString), TimeSpan.FromSeconds(180));
        Assert.True(exit == 0, errors);

        // Disposed on every path: killed below on purpose, or by the dispose when anything throws before.
        await using var first = await ServiceProcess.StartAsync(cluster.ConnectionString);
        var incident = await Client(first, key).OpenIncidentAsync();
        var killed = await LoadAsync(first, key, incident, during: async () =>
        {
            await Task.Delay(1500);
            first.Kill();
            await Task.Delay(300);
        });
        await using var second = await ServiceProcess.StartAsync(cluster.ConnectionString);
        await AssertWholeAsync(second, key, incident, killed, "after SIGKILL of the service");

        var crashed = await LoadAsync(second, key, incident, during: async () =>
        {
            await Task.Delay(1000);
            await cluster.CrashAsync();
            await Task.Delay(2000);
            await cluster.StartAgainAsync();
            await WaitForWritesAsync(second, key, incident);
        });

        var statuses = crashed.Where(o => o.Status is not null).GroupBy(o => o.Status!.Value).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"database crash: {string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}"))}");
        Assert.DoesNotContain(crashed, o => o.Status == HttpStatusCode.InternalServerError);
        Assert.Contains(crashed, o => o.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(crashed.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.True(o.RetryAfter));
        await AssertWholeAsync(second, key, incident, [.. killed, .. crashed], "after an immediate restart of PostgreSQL");
    }

    /// <summary>A client that waits a minute for an answer: the first requests to a fresh service on a loaded machine took over 15 s.</summary>
    private static HttpClient Client(ServiceProcess service, string key)
    {
        var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static object Report(int writer, int n) => HttpExtensions.Report(
        $"Chaos outlet {writer}",
        "2018-03-24",
        [.. Enumerable.Range(0, FactsPerReport).Select(f => (object)new { type = "note", text = $"writer {writer} report {n} fact {f}" })]);

    /// <summary>Eight writers post reports until <paramref name="during"/> has run its course.</summary>
    private static async Task<List<Outcome>> LoadAsync(ServiceProcess service, string key, Guid incident, Func<Task> during)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = Client(service, key);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    var response = await client.PostReportAsync(incident, Report(w, n));
                    var body = response.StatusCode == HttpStatusCode.Created ? await response.ReadJsonAsync() : null;
                    outcomes.Add(new Outcome(
                        response.StatusCode,
                        (Guid?)body?["reportId"],
                        body is null ? [] : [.. body["factIds"]!.AsArray().Select(f => (Guid)f!)],
                        response.Headers.RetryAfter is not null));
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        await Task.Delay(100);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // No answer (the service is gone): not acknowledged, so nothing is owed.
                    outcomes.Add(new Outcome(null, null, [], false));
                    await Task.Delay(50);
                }
            }
        })).ToList();
        // The fault strikes mid-load, once writes are being acknowledged: on a machine busy with
        // the rest of the suite the first answers can take seconds, and a fault before any of them
        // would test nothing.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (outcomes.Count(o => o.Status == HttpStatusCode.Created) < Writers && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await during();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        return [.. outcomes];
    }

    private static async Task WaitForWritesAsync(ServiceProcess service, string key, Guid incident)
    {
        using var client = Client(service, key);
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.PostReportAsync(incident, Report(99, 0))).StatusCode == HttpStatusCode.Created)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("The service did not accept writes again within 180 s of the database's restart.");
    }

    private async Task AssertWholeAsync(ServiceProcess service, string key, Guid incident, List<Outcome> outcomes, string when)
    {
        using var client = Client(service, key);
        var acknowledged = outcomes.Where(o => o.Status == HttpStatusCode.Created).ToList();
        var reports = await client.GetFromJsonAsync<JsonArray>($"/api/incidents/{incident}/reports");
        var stored = reports!.ToDictionary(r => (Guid)r!["reportId"]!, r => r!["facts"]!.AsArray().Select(f => (Guid)f!["factId"]!).ToList());
        var view = await client.GetJsonAsync($"/api/incidents/{incident}");
        var verify = await client.GetJsonAsync("/api/admin/verify");
        var integrity = await client.GetJsonAsync($"/api/incidents/{incident}/integrity");
        output.WriteLine(
            $"{when}: {outcomes.Count} requests, {acknowledged.Count} acknowledged, {outcomes.Count(o => o.Status is null)} unanswered, "
            + $"{stored.Count} reports stored, {(long)integrity["eventsChecked"]!} events chained, verify consistent: {(bool)verify["consistent"]!}");

        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, a => Assert.Equal(a.FactIds, stored[a.ReportId!.Value]));
        Assert.All(stored.Values, facts => Assert.Equal(FactsPerReport, facts.Count));
        Assert.Equal(stored.Count, (int)view["reportCount"]!);
        Assert.Equal(1 + (stored.Count * (1 + FactsPerReport)), (long)view["version"]!);
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
        Assert.True((bool)integrity["intact"]!, integrity.ToJsonString());
    }
}
