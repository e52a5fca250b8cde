using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Exchange;

/// <summary>UCDP's two sides of an event: who the perpetrators are, and the deaths counted on each side.</summary>
internal static class UcdpSides
{
    private static readonly string[] SideDeaths = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"];

    /// <summary>
    /// The sides as the record holds them: one-sided violence has a perpetrator (side A) and its
    /// victims (side B, civilians: the target); in state-based and non-state conflict, where the
    /// data set does not say who attacked whom, both sides are parties. Returns the perpetrator sides' columns.
    /// </summary>
    internal static List<string> Read(DatasetRow row, int? violence, string? sideA, string? sideB)
    {
        var perpetrators = new List<string>();
        foreach (var (column, name) in new[] { ("side_a", sideA), ("side_b", sideB) })
        {
            if (name is null)
            {
                continue;
            }

            if ((violence == 3 && column == "side_b") || name.Equals("Civilians", StringComparison.OrdinalIgnoreCase))
            {
                row.Facts.Add(new TargetFact { TargetType = TargetType.PrivateCitizensProperty, Detail = row.Detail("Target", name) });
                continue;
            }

            row.Party(name);
            perpetrators.Add(column == "side_a" ? "deaths_a" : "deaths_b");
        }

        if (violence == 2)
        {
            // Non-state conflict: each side is a non-state armed group the other fights.
            row.Facts.Add(new TargetFact { TargetType = TargetType.TerroristsNonStateMilitia });
        }

        return perpetrators;
    }

    /// <summary>
    /// low–best–high of every death in the event as the killed range. In one-sided violence the
    /// perpetrators' own dead (deaths_a) are perpetrators killed and come off the range, as the
    /// GTD import takes nkillter off nkill; in a conflict every side is a party and every death counts.
    /// The GED's figures are kept word for word in the fact's quote.
    /// </summary>
    internal static void Deaths(DatasetRow row, int? violence, List<string> perpetratorColumns)
    {
        var (best, low, high) = (row.Number("best", 0, Limits.MaxCount), row.Number("low", 0, Limits.MaxCount), row.Number("high", 0, Limits.MaxCount));
        var sides = SideDeaths.ToDictionary(c => c, c => row.Number(c, 0, Limits.MaxCount));
        if (best is null)
        {
            if (row.Text("best") is null && (low is not null || high is not null))
            {
                row.Fail("best", "is required with low and high.");
            }

            return;
        }

        (low, high) = (low ?? best, high ?? best);
        if (low > best)
        {
            row.Fail("low", $"is {low}, above best ({best}).");
            return;
        }

        if (high < best)
        {
            row.Fail("high", $"is {high}, below best ({best}).");
            return;
        }

        int? perpetrators = violence == 3 && perpetratorColumns.Contains("deaths_a") ? sides["deaths_a"] : null;
        if (perpetrators > best)
        {
            row.Fail("deaths_a", $"is {perpetrators}, more than best ({best}), which counts every death of the event.");
            return;
        }

        var less = perpetrators ?? 0;
        var (from, to) = (Math.Max(0, low.Value - less), high.Value - less);
        var quote = string.Create(CultureInfo.InvariantCulture, $"best {best}, low {low}, high {high}")
            + (sides.Values.Any(v => v is not null)
                ? string.Create(CultureInfo.InvariantCulture, $" (side A {Shown(sides["deaths_a"])}, side B {Shown(sides["deaths_b"])}, civilians {Shown(sides["deaths_civilians"])}, unknown {Shown(sides["deaths_unknown"])})")
                : string.Empty);
        row.Casualties(from == to ? ReportedCount.Exact(from) : ReportedCount.Between(from, to), perpetrators is { } p ? ReportedCount.Exact(p) : null, null, null, quote);

        static string Shown(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
    }
}
