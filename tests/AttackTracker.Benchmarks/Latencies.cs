namespace AttackTracker.Benchmarks;

/// <summary>Every call's latency in milliseconds, with nearest-rank percentiles as the peer harness computes them.</summary>
public sealed class Latencies
{
    private readonly double[] _sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>The smallest value with at least <paramref name="q"/> of all values at or below it; NaN when there is none.</summary>
    public double Percentile(double q)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * _sorted.Length);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }
}
