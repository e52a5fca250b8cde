using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AttackTracker.ClusterDrill;

/// <summary>One write attempt: when it started and ended (seconds on the drill's clock), and its status (0: no answer).</summary>
public sealed record WriteAttempt(double Start, double End, int Status)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>An operation: an incident opened and one report (one killed) posted to it, each acknowledged or not.</summary>
public sealed class DrillOperation(string run, int number)
{
    public int Number { get; } = number;

    public string Title => $"Cluster drill {run} incident {Number}";

    public Guid? Incident { get; set; }

    public double? OpenedAt { get; set; }

    public Guid? Report { get; set; }

    public long? ReportVersion { get; set; }

    public double? ReportedAt { get; set; }
}

/// <summary>
/// The steady load through HAProxy: writers that open an incident and report on it, each write with
/// its Idempotency-Key and retried with the same key until it is acknowledged, and after each write a
/// read of the incident with the write's X-Read-After token, which must show the write.
/// </summary>
public sealed class DrillLoad(HttpClient client, Stopwatch clock)
{
    public const string Country = "LU";

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    /// <summary>This run's mark in every title, so that a cluster kept from an earlier run does not count.</summary>
    public string Run => _run;
    private readonly Lock _gate = new();
    private int _next;
    private string? _newestToken;

    public ConcurrentQueue<WriteAttempt> Attempts { get; } = new();

    public ConcurrentQueue<DrillOperation> Operations { get; } = new();

    /// <summary>Stale reads, each at its time: a read sent with a write's token that did not show the write.</summary>
    public ConcurrentQueue<double> StaleReads { get; } = new();

    /// <summary>
    /// Acknowledged writes whose answer had no token (the service leaves it out when the primary
    /// cannot tell its position within 2 s), each at its time. The read after one goes without a
    /// token, and may be stale without breaking the promise; those reads are counted apart.
    /// </summary>
    public ConcurrentQueue<double> WritesWithoutToken { get; } = new();

    /// <summary>Reads after a write answered without a token that did not show the write, each at its time.</summary>
    public ConcurrentQueue<double> StaleReadsWithoutToken { get; } = new();

    public int Reads => _reads;

    public int Replays => _replays;

    /// <summary>The newest read-your-writes token any answer gave (positions only grow, so the last one seen is a good one).</summary>
    public string? NewestToken => _newestToken;

    private int _reads;
    private int _replays;

    public double Now => clock.Elapsed.TotalSeconds;

    public async Task RunAsync(int writers, CancellationToken stop) =>
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriterAsync(stop), CancellationToken.None)));

    private async Task WriterAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var operation = new DrillOperation(_run, Interlocked.Increment(ref _next));
            Operations.Enqueue(operation);
            // Once started, an operation is driven to its end even after the stop: an acknowledged write
            // must be complete for the audit.
            var opened = await WriteAsync("/api/incidents", new { title = operation.Title, occurredOn = "2024-01-01", country = Country, place = "Drill" }, $"{_run}-open-{operation.Number}");
            if (opened is null)
            {
                continue;
            }

            operation.Incident = Guid.Parse((string)opened.Value.Body["id"]!);
            operation.OpenedAt = Now;
            await ReadAsync(operation.Incident.Value, 1, opened.Value.Token);

            var report = new
            {
                source = new { name = "Cluster Drill Wire" },
                title = $"Drill report {operation.Number}",
                publishedAt = "2024-01-02",
                facts = new object[] { new { type = "casualties", killed = 1 } },
            };
            var reported = await WriteAsync($"/api/incidents/{operation.Incident}/reports", report, $"{_run}-report-{operation.Number}");
            if (reported is null)
            {
                continue;
            }

            operation.Report = Guid.Parse((string)reported.Value.Body["reportId"]!);
            operation.ReportVersion = (long)reported.Value.Body["version"]!;
            operation.ReportedAt = Now;
            await ReadAsync(operation.Incident.Value, operation.ReportVersion.Value, reported.Value.Token);
        }
    }

    /// <summary>A write, retried with its key until acknowledged (or for three minutes); null if it never was.</summary>
    private async Task<(JsonObject Body, string? Token)?> WriteAsync(string path, object body, string key)
    {
        var deadline = Now + 180;
        while (Now < deadline)
        {
            var start = Now;
            var status = 0;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(request);
                status = (int)response.StatusCode;
                Attempts.Enqueue(new WriteAttempt(start, Now, status));
                if (response.IsSuccessStatusCode)
                {
                    if (response.Headers.Contains("Idempotent-Replayed"))
                    {
                        Interlocked.Increment(ref _replays);
                    }

                    var token = Token(response);
                    if (token is null)
                    {
                        WritesWithoutToken.Enqueue(Now);
                    }

                    return ((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, token);
                }

                if (status is < 500 and not 429)
                {
                    throw new InvalidOperationException($"POST {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Attempts.Enqueue(new WriteAttempt(start, Now, 0));
            }

            await Task.Delay(status == 503 ? 500 : 200);
        }

        return null;
    }

    /// <summary>Reads the incident with the token; it must be at <paramref name="version"/> or later (a 404 is stale too).</summary>
    private async Task ReadAsync(Guid incident, long version, string? token)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{incident}");
                if (token is not null)
                {
                    request.Headers.Add("X-Read-After", token);
                }

                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    await Task.Delay(200);
                    continue;
                }

                Interlocked.Increment(ref _reads);
                Token(response);
                var seen = response.StatusCode == HttpStatusCode.OK ? (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["version"]! : 0;
                if (seen < version)
                {
                    (token is null ? StaleReadsWithoutToken : StaleReads).Enqueue(Now);
                }

                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
    }

    private string? Token(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("X-Read-After", out var values))
        {
            return null;
        }

        var token = values.First();
        lock (_gate)
        {
            _newestToken = Newer(_newestToken, token);
        }

        return token;
    }

    /// <summary>The later of two WAL positions ("16/B374D848").</summary>
    public static string Newer(string? a, string b)
    {
        static ulong Value(string lsn) => (Convert.ToUInt64(lsn.Split('/')[0], 16) << 32) | Convert.ToUInt64(lsn.Split('/')[1], 16);
        return a is null || Value(b) > Value(a) ? b : a;
    }
}
