using AttackTracker.Api.Admin;
using AttackTracker.Api.Statistics;
using JasperFx;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;

namespace AttackTracker.Api.Tests.Admin;

public sealed class StatisticsRebuildTests(ApiHost host) : IClassFixture<ApiHost>
{
    // Marten's coordinator looks for stopped agents every 5 s (DaemonSettings.LeadershipPollingTime).
    private static readonly TimeSpan LongerThanTheCoordinatorsPoll = TimeSpan.FromSeconds(7);

    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task No_agent_folds_the_statistics_while_their_refill_runs_and_the_daemon_goes_on_after_it()
    {
        var incidentId = await _client.OpenIncidentAsync();
        await _client.SubmitReportAsync(incidentId, ReportBodies.Report(ReportBodies.EveryFactType));
        var daemon = host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await WaitForAsync(() => daemon.StatusFor(StatisticsSubscription.ProgressName) == AgentStatus.Running);
        var during = new List<AgentStatus>();

        // The refill is held after its first range, longer than the coordinator's poll: before the
        // fix, the coordinator started the stopped agent again meanwhile, from sequence 0.
        var progress = new HoldingProgress(() =>
        {
            var until = DateTime.UtcNow + LongerThanTheCoordinatorsPoll;
            while (DateTime.UtcNow < until)
            {
                during.Add(daemon.StatusFor(StatisticsSubscription.ProgressName));
                Thread.Sleep(100);
            }
        });
        await host.Services.GetRequiredService<StatisticsRebuild>().RunAsync(commandLine: false, progress, CancellationToken.None);

        Assert.NotEmpty(during);
        Assert.DoesNotContain(AgentStatus.Running, during);
        await WaitForAsync(() => daemon.StatusFor(StatisticsSubscription.ProgressName) == AgentStatus.Running);
        await _client.SubmitReportAsync(incidentId, ReportBodies.Casualties("""{"min":4,"max":5}""", source: "After The Refill", publishedAt: "2018-03-26"));
        var verify = await (await _client.GetAsync("/api/admin/verify")).ReadJsonAsync();
        Assert.True((bool)verify["consistent"]!, verify.ToJsonString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The statistics' agent did not start within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs <paramref name="hold"/> on the refill's thread at its first report of progress.</summary>
    private sealed class HoldingProgress(Action hold) : IProgress<(long Done, long Total)>
    {
        private bool _held;

        public void Report((long Done, long Total) value)
        {
            if (!_held)
            {
                _held = true;
                hold();
            }
        }
    }
}
