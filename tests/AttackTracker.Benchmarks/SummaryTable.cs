using System.Globalization;

namespace AttackTracker.Benchmarks;

/// <summary>
/// The closing table: min / median / max over the runs of every metric, configuration and peer,
/// metrics and configurations in the order they were first measured, formatted as shared/peers/lib/summarize.mjs formats them.
/// </summary>
public static class SummaryTable
{
    private static readonly string[] Header = ["metric", "configuration", "peer", "unit", "runs", "min", "median", "max"];

    public static void Print(IReadOnlyList<Sample> samples, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(output);
        int FirstSeen(Func<Sample, bool> match) => samples.Select((s, i) => (s, i)).First(x => match(x.s)).i;
        var rows = samples
            .GroupBy(s => (s.Metric, s.Configuration, s.Peer, s.Unit))
            .OrderBy(g => FirstSeen(s => s.Metric == g.Key.Metric))
            .ThenBy(g => FirstSeen(s => s.Metric == g.Key.Metric && s.Configuration == g.Key.Configuration))
            .ThenBy(g => FirstSeen(s => s.Metric == g.Key.Metric && s.Configuration == g.Key.Configuration && s.Peer == g.Key.Peer))
            .Select(g =>
            {
                var values = g.Select(s => s.Value).Order().ToArray();
                return new[]
                {
                    g.Key.Metric, g.Key.Configuration, g.Key.Peer, g.Key.Unit, values.Length.ToString(CultureInfo.InvariantCulture),
                    Format(values[0]), Format(Median(values)), Format(values[^1]),
                };
            })
            .ToList();
        var widths = Header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i >= 4 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(Header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        var last = string.Empty;
        foreach (var row in rows)
        {
            if (last.Length > 0 && row[0] != last)
            {
                output.WriteLine();
            }

            last = row[0];
            output.WriteLine(Line(row));
        }
    }

    public static double Median(double[] sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Format(double x) =>
        !double.IsFinite(x) ? "n/a"
        : Math.Abs(x) >= 100 ? Math.Round(x).ToString("#,0", CultureInfo.InvariantCulture)
        : x.ToString(Math.Abs(x) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
