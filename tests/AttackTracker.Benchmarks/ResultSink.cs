using System.Globalization;

namespace AttackTracker.Benchmarks;

/// <summary>One measured value, as the peer harness records it.</summary>
public sealed record Sample(string Peer, string Metric, string Configuration, string Unit, int Run, double Value);

/// <summary>
/// Collects samples for the closing table and appends each one at once to the results file, in the
/// harness's TSV format, so that a run cut short by its time limit still leaves what it measured.
/// </summary>
public sealed class ResultSink(string? resultsFile, TextWriter progress)
{
    /// <summary>Library and service rows: the same metric and configuration names as the peers where comparable.</summary>
    public const string Ours = "ours";

    /// <summary>Plain Npgsql on the same cluster in the same run: the baseline each library figure is divided by.</summary>
    public const string OursRaw = "ours-raw";

    private readonly List<Sample> _samples = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public void Record(string peer, string metric, string configuration, string unit, int run, double value)
    {
        var sample = new Sample(peer, metric, configuration, unit, run, Math.Round(value, 3));
        var text = sample.Value.ToString("0.###", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            _samples.Add(sample);
            if (resultsFile is not null)
            {
                File.AppendAllText(resultsFile, $"{peer}\t{metric}\t{configuration}\t{unit}\t{run}\t{text}\n");
            }
        }

        progress.WriteLine($"    {peer,-9} {metric,-34} {configuration,-44} run {run}: {text} {unit}");
    }

    /// <summary>Records <c>{prefix}_p50_ms</c> and <c>{prefix}_p99_ms</c>, nearest-rank over every call.</summary>
    public void RecordLatencies(string peer, string prefix, string configuration, int run, Latencies latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        Record(peer, $"{prefix}_p50_ms", configuration, "ms", run, latencies.P50);
        Record(peer, $"{prefix}_p99_ms", configuration, "ms", run, latencies.P99);
    }

    /// <summary>Records a figure as a ratio of its baseline (unit "x"); nothing when the baseline is missing or zero.</summary>
    public void RecordRatio(string metric, string configuration, int run, double value, double baseline)
    {
        if (baseline > 0 && double.IsFinite(value))
        {
            Record(Ours, metric, configuration, "x", run, value / baseline);
        }
    }
}
