using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace AttackTracker.ClusterDrill;

/// <summary>One thing killed: when, and what was measured after it.</summary>
public sealed record DrillPhase(string Name, double KilledAt)
{
    public double? WritesBackAfter { get; set; }

    public double? StatsCaughtUpAfter { get; set; }

    public string Note { get; set; } = string.Empty;

    public double EndsAt { get; set; } = double.MaxValue;
}

/// <summary>
/// The cluster drill (tests/cluster/run.sh): under a steady write and read load through HAProxy, it
/// kills a service node, the node running the daemon, and the PostgreSQL primary, one at a time,
/// and reports for each what docs/operations.md lists. Exit code 1 when an acknowledged write is
/// lost or applied twice, a read with a token was stale, or a notification was lost.
/// </summary>
public static class ClusterDrill
{
    private static readonly string[] Countries = [DrillLoad.Country];
    private static readonly string[] Kinds = ["incident.opened", "figure.changed"];

    public static async Task<int> Main(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
            .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : string.Empty, StringComparer.Ordinal);
        var api = new Uri(options.GetValueOrDefault("api", "http://127.0.0.1:55450"));
        var key = options["key"];
        var script = new ClusterScript(options["script"]);
        var writers = int.Parse(options.GetValueOrDefault("writers", "4"), CultureInfo.InvariantCulture);
        var settle = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("settle", "40"), CultureInfo.InvariantCulture));

        using var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        await using var hooks = new HookListener(FreePort());
        var subscribed = await client.PostAsJsonAsync("/api/subscriptions", new { url = hooks.Url, filter = new { countries = Countries, kinds = Kinds } });
        subscribed.EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        var load = new DrillLoad(client, clock);
        var audit = new DrillAudit(client, load, hooks);
        await audit.BaselineAsync();
        var baseline = await KilledCountedAsync(client, load);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(writers, stop.Token);
        Say($"load: {writers} writers through {api}; warming up");
        await Task.Delay(TimeSpan.FromSeconds(15));

        var phases = new List<DrillPhase>();
        var daemon = int.Parse(await script.RunAsync("daemon-node"), CultureInfo.InvariantCulture);
        var other = daemon == 1 ? 2 : 1;
        phases.Add(await KillAsync(load, client, baseline, "a service node (not the daemon's)", () => script.RunAsync("kill-api", $"{other}"), settle));
        await script.RunAsync("start-api", $"{other}");

        daemon = int.Parse(await script.RunAsync("daemon-node"), CultureInfo.InvariantCulture);
        var takeover = KillAsync(load, client, baseline, "the node running the daemon", () => script.RunAsync("kill-api", $"{daemon}"), settle);
        var tookOver = await DaemonMovesAsync(script, daemon, load);
        var daemonPhase = await takeover;
        daemonPhase.Note = tookOver is { } t ? $"daemon running on node {t.Node} {t.After:0.0} s after the kill" : "no other node took the daemon over";
        phases.Add(daemonPhase);
        await script.RunAsync("start-api", $"{daemon}");

        var primary = await script.RunAsync("primary");
        var failover = await KillAsync(load, client, baseline, "the PostgreSQL primary", () => script.RunAsync("kill-primary"), settle);
        failover.Note = $"{primary} killed; {await script.RunAsync("primary")} promoted";
        phases.Add(failover);
        await script.RunAsync("start-pg", primary);
        await Task.Delay(TimeSpan.FromSeconds(10));
        for (var i = 0; i < phases.Count - 1; i++)
        {
            phases[i].EndsAt = phases[i + 1].KilledAt;
        }

        await stop.CancelAsync();
        await running;
        Say($"load stopped after {clock.Elapsed.TotalSeconds:0} s; auditing");
        var audits = await audit.RunAsync(TimeSpan.FromSeconds(120));
        return Report(load, phases, audit, audits, hooks);
    }

    /// <summary>
    /// Kills something, then measures until <paramref name="settle"/> has passed: when writes
    /// succeeded again, and when the statistics had caught up: the first time t at which they count
    /// every report acknowledged before t − 1 s, at least one of them acknowledged after the kill
    /// (so the daemon is folding again, wherever it runs now; the second is the daemon's normal lag).
    /// </summary>
    private static async Task<DrillPhase> KillAsync(DrillLoad load, HttpClient client, long baseline, string name, Func<Task<string>> kill, TimeSpan settle)
    {
        var phase = new DrillPhase(name, load.Now);
        Say($"killing {name}");
        await kill();
        var until = load.Now + settle.TotalSeconds;
        while (load.Now < until)
        {
            var now = load.Now;
            var due = load.Operations.Where(o => o.ReportedAt < now - 1).Select(o => o.ReportedAt!.Value).ToList();
            if (phase.StatsCaughtUpAfter is null && due.Any(at => at > phase.KilledAt) && await KilledCountedAsync(client, load) - baseline >= due.Count)
            {
                phase.StatsCaughtUpAfter = now - phase.KilledAt;
            }

            await Task.Delay(200);
        }

        var window = load.Attempts.Where(a => a.Start >= phase.KilledAt && a.Start < until).ToList();
        var lastFailure = window.Where(a => !a.Succeeded).Select(a => a.End).DefaultIfEmpty(phase.KilledAt).Max();
        var back = window.Where(a => a.Succeeded && a.Start >= lastFailure).Select(a => a.End).DefaultIfEmpty(double.NaN).Min();
        phase.WritesBackAfter = window.Any(a => !a.Succeeded) ? back - phase.KilledAt : 0;
        Say($"{name}: {window.Count(a => !a.Succeeded)} write attempts failed ({string.Join(", ", window.Where(a => !a.Succeeded).GroupBy(a => a.Status).Select(g => $"{g.Count()} × {(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}"))}); writes back after {phase.WritesBackAfter:0.0} s; statistics caught up after {phase.StatsCaughtUpAfter:0.0} s");
        return phase;
    }

    private static async Task<long> KilledCountedAsync(HttpClient client, DrillLoad load)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stats?groupBy=country&country={DrillLoad.Country}");
            if (load.NewestToken is { } token)
            {
                request.Headers.Add("X-Read-After", token);
            }

            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return -1;
            }

            var row = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rows"]!.AsArray().FirstOrDefault();
            return (long?)row?["killed"]?["best"] ?? 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return -1;
        }
    }

    private static async Task<(int Node, double After)?> DaemonMovesAsync(ClusterScript script, int from, DrillLoad load)
    {
        var start = load.Now;
        while (load.Now - start < 120)
        {
            try
            {
                if (int.TryParse(await script.RunAsync("daemon-node"), CultureInfo.InvariantCulture, out var node) && node != from)
                {
                    return (node, load.Now - start);
                }
            }
            catch (InvalidOperationException)
            {
                // No node runs it yet.
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static int Report(DrillLoad load, List<DrillPhase> phases, DrillAudit audit, IReadOnlyList<OperationAudit> audits, HookListener hooks)
    {
        var acknowledged = load.Operations.Count(o => o.Incident is not null) + load.Operations.Count(o => o.Report is not null);
        Say(string.Empty);
        Say($"writes acknowledged: {acknowledged} ({load.Operations.Count(o => o.Incident is not null)} incidents opened, {load.Operations.Count(o => o.Report is not null)} reports); write attempts {load.Attempts.Count}, failed {load.Attempts.Count(a => !a.Succeeded)}, replayed by Idempotency-Key {load.Replays}; reads with a token {load.Reads}");
        Say($"store: {audit.StoredIncidents} drill incidents listed, {audit.DuplicateTitles} titles twice; statistics {audit.StatsIncidents} incidents, {audit.StatsKilled} killed; verify consistent: {audit.VerifyConsistent}; notifications received {hooks.Received.Count} ({hooks.Received.Count(r => r.Value.Times > 1)} more than once)");
        Say(string.Empty);
        Say("| killed | acknowledged writes lost | writes applied twice | stale reads with the token | writes succeed again after | statistics caught up after | notifications lost | note |");
        Say("|---|---|---|---|---|---|---|---|");
        var failed = false;
        foreach (var phase in phases)
        {
            bool In(double? at) => at is { } t && t >= phase.KilledAt && t < phase.EndsAt;
            var mine = audits.Where(a => In(a.Operation.ReportedAt ?? a.Operation.OpenedAt)).ToList();
            var (lost, twice, notified, stale) = (mine.Count(a => a.Lost), mine.Count(a => a.AppliedTwice), mine.Count(a => a.NotificationsLost), load.StaleReads.Count(t => In(t)));
            failed |= lost + twice + notified + stale > 0;
            Say($"| {phase.Name} | {lost} | {twice} | {stale} | {phase.WritesBackAfter:0.0} s | {(phase.StatsCaughtUpAfter is { } s ? $"{s:0.0} s" : "not within the phase")} | {notified} | {phase.Note} |");
        }

        var (allLost, allTwice, allNotified) = (audits.Count(a => a.Lost), audits.Count(a => a.AppliedTwice), audits.Count(a => a.NotificationsLost));
        Say($"| whole run | {allLost} | {allTwice} | {load.StaleReads.Count} | | | {allNotified} | |");
        Say($"writes acknowledged without a token: {load.WritesWithoutToken.Count}; reads after them that did not show the write: {load.StaleReadsWithoutToken.Count} (not a broken promise: the read had no token)");
        var reported = load.Operations.Count(o => o.Report is not null);
        failed |= allLost + allTwice + allNotified + load.StaleReads.Count > 0 || !audit.VerifyConsistent || audit.StatsKilled < reported;
        if (!audit.VerifyConsistent)
        {
            Say($"verify: {audit.VerifyText}");
        }

        Say(failed ? "cluster drill: FAILED" : "cluster drill: passed");
        return failed ? 1 : 0;
    }

    private static void Say(string line) => Console.WriteLine(line);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
