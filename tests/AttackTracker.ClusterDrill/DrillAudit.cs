using System.Net;
using System.Text.Json.Nodes;

namespace AttackTracker.ClusterDrill;

/// <summary>What the store holds after the drill, for each operation, read through the API with the newest token.</summary>
public sealed record OperationAudit(DrillOperation Operation, bool Lost, bool AppliedTwice, bool NotificationsLost);

/// <summary>The audit after the load: every acknowledged write stored once, its notifications delivered, the statistics and verify agreeing.</summary>
public sealed class DrillAudit(HttpClient client, DrillLoad load, HookListener hooks)
{
    public int StoredIncidents { get; private set; }

    public int DuplicateTitles { get; private set; }

    public long StatsIncidents { get; private set; }

    public long StatsKilled { get; private set; }

    public bool VerifyConsistent { get; private set; }

    public string VerifyText { get; private set; } = string.Empty;

    private (long Incidents, long Killed) _baseline;

    /// <summary>The statistics before the drill (an earlier run's incidents, on a cluster that was kept).</summary>
    public async Task BaselineAsync() => _baseline = await StatsAsync();

    private async Task<(long Incidents, long Killed)> StatsAsync()
    {
        var stats = await GetAsync($"/api/stats?groupBy=country&country={DrillLoad.Country}");
        return stats?["rows"]?.AsArray().FirstOrDefault() is JsonObject row ? ((long)row["incidents"]!, (long?)row["killed"]?["best"] ?? 0) : (0, 0);
    }

    public async Task<IReadOnlyList<OperationAudit>> RunAsync(TimeSpan notificationWait)
    {
        var titles = (await TitlesAsync()).Where(t => t.StartsWith($"Cluster drill {load.Run} ", StringComparison.Ordinal)).ToList();
        StoredIncidents = titles.Count;
        DuplicateTitles = titles.GroupBy(t => t, StringComparer.Ordinal).Count(g => g.Count() > 1);
        var duplicates = titles.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var deadline = DateTime.UtcNow + notificationWait;
        while (DateTime.UtcNow < deadline && load.Operations.Any(o => !Notified(o)))
        {
            await Task.Delay(500);
        }

        var audits = new List<OperationAudit>();
        foreach (var operation in load.Operations.Where(o => o.Incident is not null))
        {
            var (found, version, reports) = await IncidentAsync(operation.Incident!.Value);
            var lost = !found || (operation.ReportVersion is { } acked && version < acked);
            // Nothing else writes to a drill incident: after its one report it is at exactly the acknowledged version.
            var twice = duplicates.Contains(operation.Title) || reports > 1 || (operation.ReportVersion is { } at ? version > at : version > 1 && reports == 0);
            audits.Add(new OperationAudit(operation, lost, twice, !Notified(operation)));
        }

        var (incidents, killed) = await StatsAsync();
        (StatsIncidents, StatsKilled) = (incidents - _baseline.Incidents, killed - _baseline.Killed);

        var verify = await GetAsync("/api/admin/verify");
        VerifyConsistent = (bool?)verify?["consistent"] ?? false;
        VerifyText = verify?.ToJsonString() ?? "(no answer)";
        return audits;
    }

    private bool Notified(DrillOperation operation) =>
        (operation.Incident is not { } incident || hooks.Has("incident.opened", incident, 1))
        && (operation.ReportVersion is not { } version || hooks.Has("figure.changed", operation.Incident!.Value, version));

    private async Task<List<string>> TitlesAsync()
    {
        // The list pages by keyset: each page names the next one's cursor, absent at the end.
        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var after = cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor);
            var listed = await GetAsync($"/api/incidents?country={DrillLoad.Country}&pageSize=100{after}");
            var items = listed?["items"]?.AsArray() ?? [];
            titles.AddRange(items.Select(i => (string)i!["title"]!));
            cursor = (string?)listed?["next"];
        }
        while (cursor is not null);
        return titles;
    }

    private async Task<(bool Found, long Version, int Reports)> IncidentAsync(Guid incident)
    {
        var view = await GetAsync($"/api/incidents/{incident}");
        return view is null ? (false, 0, 0) : (true, (long)view["version"]!, (int)view["reportCount"]!);
    }

    /// <summary>A read with the newest token (so a standby that serves it has every acknowledged write), retried through a 5xx; null on 404.</summary>
    private async Task<JsonObject?> GetAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (load.NewestToken is { } token)
            {
                request.Headers.Add("X-Read-After", token);
            }

            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.IsSuccessStatusCode || attempt >= 20)
            {
                response.EnsureSuccessStatusCode();
                return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            }

            await Task.Delay(500);
        }
    }
}
