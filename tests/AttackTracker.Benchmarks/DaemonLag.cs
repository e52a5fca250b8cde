using System.Diagnostics;
using System.Text.Json;

namespace AttackTracker.Benchmarks;

/// <summary>
/// How far the statistics projection (incident_stats, on the service's async daemon) trails the
/// event log, sampled from /health every 100 ms while a load runs: the lag in events, and once the
/// load stops, how long the projection takes to fold in the last event.
/// </summary>
public sealed class DaemonLag
{
    public const string Shard = "incident_stats:All";

    private readonly List<long> _samples = [];

    public IReadOnlyList<long> Samples => _samples;

    public static async Task<(long Folded, long Last)> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative), cancellationToken));
        var events = health.RootElement.GetProperty("events");
        var folded = events.GetProperty("projections").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() == Shard)
            .Select(p => p.GetProperty("lastSequence").GetInt64())
            .DefaultIfEmpty(0)
            .First();
        return (folded, events.GetProperty("lastSequence").GetInt64());
    }

    /// <summary>Samples until <paramref name="stop"/> is cancelled.</summary>
    public async Task SampleAsync(HttpClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var (folded, last) = await ReadAsync(client, stop);
                _samples.Add(Math.Max(0, last - folded));
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Seconds until the projection has folded in the last event drawn when the wait began.</summary>
    public static async Task<double> CatchUpAsync(HttpClient client, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (_, target) = await ReadAsync(client, cancellationToken);
        while (true)
        {
            var (folded, _) = await ReadAsync(client, cancellationToken);
            if (folded >= target)
            {
                return clock.Elapsed.TotalSeconds;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{Shard} stayed at {folded} of {target} for {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public static double Percentile(IReadOnlyList<long> samples, double p)
    {
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
