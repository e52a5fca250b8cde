using System.Globalization;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>
/// RAND RDWTI rows in its eight columns (issue 23), dates as "9-Feb-68", counts mostly in figures
/// with some in words ("20+", "0 (+1)", blank), weapons in RAND's words, perpetrators often
/// unknown, descriptions with commas and quotes; bad rows in Fatalities, Date or Country.
/// </summary>
public sealed class RandGenerator(int seed = 1, double badShare = 0.01) : DatasetGenerator(seed, badShare)
{
    private static readonly string[] Weapons = ["Explosives", "Firearms", "Fire or Firebomb", "Knives & sharp objects", "Remote-detonated explosive", "Unknown", "Other"];

    public override IReadOnlyList<string> Columns => RandImport.Columns;

    protected override Dictionary<string, string> Row(int index)
    {
        var site = Pick(Sites);
        var day = Day(1968, 2009);
        var killed = Toll();
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Date"] = day.ToString("d-MMM-yy", CultureInfo.InvariantCulture),
            ["City"] = site.Town,
            ["Country"] = site.Country,
            ["Perpetrator"] = Random.NextDouble() < 0.5 ? "Unknown" : Pick(site.Groups),
            ["Weapon"] = Pick(Weapons),
            ["Injuries"] = Count(Toll()),
            ["Fatalities"] = Random.NextDouble() < 0.05 ? $"{killed} (+1)" : Count(killed),
            ["Description"] = $"Attackers struck in {site.Town}, {site.Country}, \"according to police\". Row {index}, {day:yyyy-MM-dd}.",
        };
        return row;
    }

    protected override GtdBadRow Spoil(Dictionary<string, string> row)
    {
        var (column, value) = Random.Next(3) switch
        {
            0 => ("Fatalities", "~10"),
            1 => ("Date", "31-Feb-99"),
            _ => ("Country", "Atlantis"),
        };
        row[column] = value;
        return new GtdBadRow(row["Description"], column);
    }

    /// <summary>Most counts in figures; some blank, some "N+".</summary>
    private string Count(int value) => Random.NextDouble() switch
    {
        < 0.05 => string.Empty,
        < 0.1 => $"{value}+",
        _ => N(value),
    };
}
