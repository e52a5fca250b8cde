using System.Diagnostics;

namespace AttackTracker.Benchmarks;

/// <summary>What a timed loop did: how many units (events, requests) it completed, in how long, and each call's latency.</summary>
public sealed record LoadResult(long Calls, long Units, TimeSpan Elapsed, Latencies Latencies)
{
    public double UnitsPerSecond => Elapsed > TimeSpan.Zero ? Units / Elapsed.TotalSeconds : double.NaN;

    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : double.NaN;
}

/// <summary>
/// Runs concurrent workers for a fixed time, like pgbench -T: every worker calls its step until the
/// time is up, then finishes the call in flight; the rate is over the whole wall time. A step returns
/// the units it completed; a step that returns 0 (opening the next incident, say) is not a measured
/// call, but its time still counts against the rate.
/// </summary>
public static class LoadLoop
{
    public static async Task<LoadResult> RunAsync(
        int workers,
        TimeSpan duration,
        Func<int, Func<CancellationToken, Task<int>>> createWorker,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(createWorker);
        var steps = Enumerable.Range(0, workers).Select(createWorker).ToList();
        var latencies = new List<double>[workers];
        var units = new long[workers];
        var clock = new Stopwatch();
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            await start.WaitAsync(cancellationToken);
            while (clock.Elapsed < duration)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var t0 = Stopwatch.GetTimestamp();
                var done = await steps[w](cancellationToken);
                if (done > 0)
                {
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    units[w] += done;
                }
            }
        }, cancellationToken)).ToList();

        clock.Start();
        start.Release(workers);
        await Task.WhenAll(tasks);
        clock.Stop();
        return new LoadResult(latencies.Sum(l => (long)l.Count), units.Sum(), clock.Elapsed, new Latencies(latencies.SelectMany(l => l)));
    }
}
