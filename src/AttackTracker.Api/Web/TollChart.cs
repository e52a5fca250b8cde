using System.Globalization;
using System.Net;
using System.Text;
using AttackTracker.Domain.Audit;

namespace AttackTracker.Api.Web;

/// <summary>
/// The toll over publication time as an SVG drawn on the server: for killed and for wounded, the
/// best figure as a step line and the low–high range as a band, from each report that changed
/// it; a vertical rule marks the page's as-of date. Readable without script.
/// </summary>
public static class TollChart
{
    private const double Width = 640, Height = 260, Left = 44, Right = 16, Top = 16, Bottom = 44;

    private sealed record Series(string Name, string CssClass, IReadOnlyList<FigurePoint> Points);

    public static string Svg(IReadOnlyList<FigurePoint> killed, IReadOnlyList<FigurePoint> wounded, DateTimeOffset? asOf)
    {
        ArgumentNullException.ThrowIfNull(killed);
        ArgumentNullException.ThrowIfNull(wounded);
        Series[] series = [new("Killed", "killed", killed), new("Wounded", "wounded", wounded)];
        var all = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder();
        var description = string.Join(" ", series.Select(s => s.Points.Count == 0
            ? $"{s.Name}: no report."
            : $"{s.Name}: " + string.Join("; ", s.Points.Select(p => $"{Figures.Day(p.PublishedAt)} best {p.Best} (range {p.Low} to {p.High?.ToString(CultureInfo.InvariantCulture) ?? "open"})")) + "."));
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append("""<title id="chart-title">Killed and wounded over publication time: best figure and range</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<desc id="chart-desc">{WebUtility.HtmlEncode(description)}</desc>""");
        if (all.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="{Height / 2}" text-anchor="middle" class="axis">No casualty figure has been reported.</text></svg>""");
            return svg.ToString();
        }

        // One step per publication date, evenly spaced: reports cluster in the first days and
        // trickle in for years, so a linear time axis would pile the first ones on top of each other.
        var times = all.Select(p => p.PublishedAt).Distinct().Order().ToList();
        var span = Width - Left - Right - 110;
        double X(DateTimeOffset t) => times.Count == 1 ? Left + (span / 2) : Left + (times.IndexOf(t) * span / (times.Count - 1));
        var top = Math.Max(1, all.Max(p => p.High ?? p.Best));
        double Y(double value) => Top + ((1 - (value / top)) * (Height - Top - Bottom));
        string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var every = Math.Max(1, (int)Math.Ceiling(times.Count / 6.0));
        for (var i = 0; i < times.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{N(X(times[i]))}" y="{N(Height - 28)}" text-anchor="middle">{times[i].UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}</text>""");
        }

        // Axes: 0 and the largest figure; the first and last publication dates.
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="axis-line" x1="{N(Left)}" y1="{N(Y(0))}" x2="{N(Width - Right)}" y2="{N(Y(0))}"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{N(Left - 6)}" y="{N(Y(0) + 4)}" text-anchor="end">0</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text class="axis" x="{N(Left - 6)}" y="{N(Y(top) + 4)}" text-anchor="end">{top}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="grid" x1="{N(Left)}" y1="{N(Y(top))}" x2="{N(Width - Right)}" y2="{N(Y(top))}"/>""");

        var legend = Left;
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var right = Left + span + 20;
            var band = new StringBuilder();
            var upper = new List<string>();
            var lower = new List<string>();
            var line = new List<string>();
            for (var i = 0; i < s.Points.Count; i++)
            {
                var p = s.Points[i];
                var x0 = X(p.PublishedAt);
                var x1 = i + 1 < s.Points.Count ? X(s.Points[i + 1].PublishedAt) : right;
                var high = p.High ?? top;
                upper.Add($"{N(x0)},{N(Y(high))} {N(x1)},{N(Y(high))}");
                lower.Insert(0, $"{N(x1)},{N(Y(p.Low))} {N(x0)},{N(Y(p.Low))}");
                line.Add($"{N(x0)},{N(Y(p.Best))} {N(x1)},{N(Y(p.Best))}");
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<polygon class="band {s.CssClass}" points="{string.Join(' ', upper.Concat(lower))}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="best {s.CssClass}" points="{string.Join(' ', line)}"/>""");
            foreach (var p in s.Points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle class="point {s.CssClass}" cx="{N(X(p.PublishedAt))}" cy="{N(Y(p.Best))}" r="4"><title>{s.Name} on {Figures.Day(p.PublishedAt)}: {p.Best} (range {p.Low}–{p.High?.ToString(CultureInfo.InvariantCulture) ?? "open"}), {Figures.StatusText(p.Status)}</title></circle>""");
            }

            var last = s.Points[^1];
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="label {s.CssClass}" x="{N(right + 4)}" y="{N(Y(last.Best) + 4)}">{s.Name} {last.Best}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="swatch {s.CssClass}" x="{N(legend)}" y="{N(Height - 14)}" width="12" height="12"/><text class="axis" x="{N(legend + 16)}" y="{N(Height - 4)}">{s.Name}: best (line) and range (band)</text>""");
            legend += 230;
        }

        // The as-of date sits at the last report published by then.
        if (asOf is { } point && times.LastOrDefault(t => t <= point) is var shown && shown != default)
        {
            var x = X(shown);
            svg.Append(CultureInfo.InvariantCulture, $"""<line class="as-of" x1="{N(x)}" y1="{N(Top)}" x2="{N(x)}" y2="{N(Y(0))}"/><text class="axis" x="{N(x + 4)}" y="{N(Top + 10)}">as of {Figures.Day(point)}</text>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
