using System.Diagnostics;
using System.Text.Json.Nodes;
using AttackTracker.Api.Store;
using Xunit.Abstractions;
using static AttackTracker.Api.Tests.HttpExtensions;
using static AttackTracker.Api.Tests.Statistics.StatsSupport;
using static AttackTracker.Api.Tests.TimeTravelSupport;

namespace AttackTracker.Api.Tests.Statistics;

/// <summary>
/// Two real service processes on one database (Wolverine Balanced, Marten's daemon HotCold): the
/// async projections run on one of them; it is killed with SIGKILL under write load, the other
/// takes over, and the totals equal a fresh fold of every incident.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Incidents = 120;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private TimeSpan _tookOverAt;

    [Fact]
    public async Task Killing_the_node_that_runs_the_projections_under_load_hands_them_to_the_other_with_nothing_lost_or_counted_twice()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore") ?? await LocalPostgres.StartAsync("attacktracker_tests");
        var schema = "failover_" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string> { ["EventStore__Schema"] = schema, ["Wolverine__Durability"] = "Balanced" };
        try
        {
            var apiKey = await ServiceProcess.AddKeyAsync(connectionString, settings, "failover", "editor");

            await using var nodeA = await ServiceProcess.StartAsync(connectionString, settings);
            await using var nodeB = await ServiceProcess.StartAsync(connectionString, settings);
            var nodes = new Dictionary<string, ServiceProcess> { ["node-a"] = nodeA, ["node-b"] = nodeB };
            var leader = await LeaderAsync(nodes, TimeSpan.FromSeconds(120));
            Assert.NotNull(leader);
            var survivorName = leader == "node-a" ? "node-b" : "node-a";
            var survivor = nodes[survivorName].Client(apiKey);
            var doomed = nodes[leader].Client(apiKey);

            // Both nodes take writes; the leader is killed a third of the way through.
            var acknowledged = 0;
            var killedAt = _clock;
            TimeSpan? kill = null;
            Task<string?>? takeover = null;
            for (var i = 0; i < Incidents; i++)
            {
                if (i == Incidents / 3)
                {
                    nodes[leader].Kill();
                    kill = killedAt.Elapsed;
                    takeover = LeaderAsync(nodes, TimeSpan.FromSeconds(180), except: leader);
                }

                var client = kill is null && i % 2 == 0 ? doomed : survivor;
                var id = await client.OpenIncidentAsync(Opening("FR", "2018-03-23"));
                await client.PostReportOkAsync(id, Report("Wire", "2018-03-24", Killed(1), Claim(i % 3 == 0 ? "Group A" : "Group B")));
                acknowledged++;
            }

            var newLeader = await takeover!;
            var tookOver = _tookOverAt - kill!.Value;
            Assert.Equal(survivorName, newLeader);

            var now = await survivor.CaughtUpAsync("/api/stats?groupBy=group");
            var caughtUp = killedAt.Elapsed - kill.Value;
            var fresh = await survivor.GetJsonAsync("/api/stats?groupBy=group&asOf=2999-12-31&recordedAsOf=2999-12-31");
            var byCountry = (await survivor.CaughtUpAsync("/api/stats?country=FR")).Row("country", "FR");
            var verify = await survivor.GetJsonAsync("/api/admin/verify");
            output.WriteLine($"{leader} killed after {kill.Value.TotalSeconds:0.0} s; {survivorName} reported running the daemon {tookOver.TotalSeconds:0.0} s after the kill; its statistics had folded every event (the writes going on meanwhile) {caughtUp.TotalSeconds:0.0} s after it");

            Assert.Equal(fresh.RowsWithoutSequence(), now.RowsWithoutSequence());
            Assert.Equal((Incidents, (long)Incidents), ((int)byCountry["incidents"]!, byCountry.Sums("killed").Best));
            Assert.Equal(Incidents, acknowledged);
            Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
        }
        finally
        {
            await ServiceProcess.DropSchemaAsync(connectionString, schema);
        }
    }

    /// <summary>The node whose /health says it runs the daemon, other than <paramref name="except"/>, once one does.</summary>
    private async Task<string?> LeaderAsync(IReadOnlyDictionary<string, ServiceProcess> nodes, TimeSpan wait, string? except = null)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (name, node) in nodes.Where(n => n.Key != except))
            {
                try
                {
                    var health = JsonNode.Parse(await probe.GetStringAsync(new Uri(node.Address, "/health")))!;
                    if ((string?)health["daemon"] == "running")
                    {
                        _tookOverAt = _clock.Elapsed;
                        return name;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
            }

            await Task.Delay(100);
        }

        return null;
    }
}
