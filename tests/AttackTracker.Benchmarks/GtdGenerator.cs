using System.Globalization;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Benchmarks;

/// <summary>A row the generator made bad on purpose, and the column the import must name.</summary>
public sealed record GtdBadRow(string EventId, string Column);

/// <summary>
/// GTD-shaped rows for the import benchmark (issue 20), in the 0718 release's 135 columns:
/// dates 1970–2020 weighted to recent years as the GTD is, real country codes and names with
/// historical states only in their years, cities with coordinates, one to three attack types,
/// targets, weapons, groups ("Unknown" for about half), small tolls with blanks, summaries and
/// citations for recent years: about ten facts a row once mapped. A share of rows (1% unless
/// told) is bad in one column the import must name. The same seed gives the same bytes.
/// </summary>
public sealed partial class GtdGenerator(int seed = 1, double badShare = 0.01)
{
    private static readonly Dictionary<int, Land[]> InYear = Enumerable.Range(1970, 51)
        .ToDictionary(year => year, year => Lands.Where(l => l.From <= year && year <= l.To).ToArray());

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>The rows made bad so far, with the column the import must name.</summary>
    public List<GtdBadRow> Bad { get; } = [];

    /// <summary>Writes the header and <paramref name="rows"/> rows, CRLF as the 0718 file has them.</summary>
    public void Write(Stream output, int rows, TextCharset charset = TextCharset.Windows1252)
    {
        using var text = new StreamWriter(output, TextDecoding.StrictEncoding(charset), 64 * 1024, leaveOpen: true);
        var csv = new CsvRecordWriter(text);
        csv.Write(GtdRelease.Columns);
        foreach (var row in Rows(rows))
        {
            csv.Write(GtdRelease.Columns.Select(c => row.GetValueOrDefault(c)));
        }
    }

    /// <summary>The rows as cells by column (a blank cell is absent).</summary>
    public IEnumerable<Dictionary<string, string>> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Row();
        }
    }

    private Dictionary<string, string> Row()
    {
        var year = Year();
        var land = Pick(InYear[year], l => l.Weight);
        var place = land.Places[_random.Next(land.Places.Length)];
        var (month, day) = (_random.Next(1, 13), _random.Next(1, 29));
        if (_random.NextDouble() < 0.01)
        {
            day = 0;
        }

        var id = $"{year:D4}{month:D2}{day:D2}";
        _ids[id] = _ids.GetValueOrDefault(id) + 1;
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eventid"] = $"{id}{_ids[id]:D4}",
            ["iyear"] = N(year),
            ["imonth"] = N(month),
            ["iday"] = N(day),
            ["extended"] = "0",
            ["country"] = N(land.Code),
            ["country_txt"] = land.Name,
            ["region"] = N(land.Region),
            ["region_txt"] = Regions[land.Region],
            ["city"] = place.City,
            ["specificity"] = double.IsNaN(place.Lat) ? "5" : "1",
            ["vicinity"] = "0",
            ["crit1"] = "1",
            ["crit2"] = "1",
            ["crit3"] = "1",
            ["doubtterr"] = "0",
            ["multiple"] = "0",
            ["success"] = _random.NextDouble() < 0.9 ? "1" : "0",
            ["suicide"] = "0",
            ["guncertain1"] = "0",
            ["individual"] = "0",
            ["nperps"] = "-99",
            ["nperpcap"] = "-99",
            ["property"] = "-9",
            ["ishostkid"] = "0",
            ["dbsource"] = year >= 2012 ? "START Primary Collection" : "PGIS",
            ["INT_LOG"] = "-9",
            ["INT_IDEO"] = "-9",
            ["INT_MISC"] = "0",
            ["INT_ANY"] = "-9",
        };
        if (place.Province.Length > 0)
        {
            row["provstate"] = place.Province;
        }

        if (!double.IsNaN(place.Lat))
        {
            row["latitude"] = D(place.Lat + ((_random.NextDouble() - 0.5) / 10));
            row["longitude"] = D(place.Lon + ((_random.NextDouble() - 0.5) / 10));
        }

        Fill(row, "attacktype", _random.NextDouble() switch { < 0.7 => 1, < 0.95 => 2, _ => 3 }, AttackTypes.Select(a => (a.Code, a.Text, (string?)null, a.Weight)).ToArray(), null);
        Fill(row, "targtype", _random.NextDouble() < 0.4 ? 1 : 2, Targets.Select(t => (t.Code, t.Text, (string?)t.Target, t.Weight)).ToArray(), "target");
        Fill(row, "weaptype", _random.NextDouble() < 0.45 ? 1 : 2, Weapons.Select(w => (w.Code, w.Text, (string?)w.Sub, w.Weight)).ToArray(), "weapsubtype");
        var group = land.Groups.Length == 0 || _random.NextDouble() < 0.45 ? "Unknown" : land.Groups[_random.Next(land.Groups.Length)];
        row["gname"] = group;
        if (group != "Unknown" && land.Groups.Length > 1 && _random.NextDouble() < 0.15)
        {
            row["gname2"] = land.Groups.First(g => g != group);
        }

        row["claimed"] = group == "Unknown" ? "0" : _random.NextDouble() switch { < 0.5 => "1", < 0.9 => "0", _ => "-9" };
        if (row["claimed"] == "1")
        {
            (row["claimmode"], row["claimmode_txt"]) = _random.NextDouble() < 0.5 ? ("7", "Posted to website, blog, etc.") : ("10", "Unknown");
        }

        var killed = Toll(0.06, 0.45);
        var wounded = Toll(0.09, 0.5);
        if (killed is { } k)
        {
            row["nkill"] = N(k);
            row["nkillus"] = "0";
            row["nkillter"] = N(k > 0 && _random.NextDouble() < 0.1 ? 1 : 0);
        }

        if (wounded is { } w)
        {
            row["nwound"] = N(w);
            row["nwoundus"] = "0";
            row["nwoundte"] = "0";
        }

        if (_random.NextDouble() < 0.3)
        {
            (row["property"], row["propextent"], row["propextent_txt"]) = ("1", "3", "Minor (likely < $1 million)");
            row["propcomment"] = "Several vehicles and a shop front were damaged.";
        }

        if (_random.NextDouble() < 0.7)
        {
            row["weapdetail"] = $"{row["weaptype1_txt"]}, as reported";
        }

        if (year >= 1998)
        {
            var where = string.Join(", ", new[] { place.City, place.Province, land.Name }.Where(p => p.Length > 0 && p != "Unknown"));
            row["summary"] = $"{month:D2}/{day:D2}/{year}: Assailants attacked {row["target1"].ToLowerInvariant()} in {where}. {(killed is { } dead ? $"{dead} {(dead == 1 ? "person was" : "people were")} killed" : "The toll is unknown")}, \"according to reports\".";
            if (_random.NextDouble() < 0.4)
            {
                row["motive"] = "The specific motive is unknown; sources noted the attack took place during a wave of violence in the area.";
            }

            if (_random.NextDouble() < 0.4)
            {
                row["addnotes"] = "Casualty figures differ between sources.";
            }

            for (var c = 1; c <= _random.Next(1, 4); c++)
            {
                row[$"scite{c}"] = $"\"Attack in {place.City}, report {c},\" Example Wire, {year}-{month:D2}-{Math.Max(1, day):D2}.";
            }
        }

        if (_random.NextDouble() < badShare)
        {
            Spoil(row);
        }

        return row;
    }

    /// <summary>One column the codebook does not allow, and which the import must name.</summary>
    private void Spoil(Dictionary<string, string> row)
    {
        var column = _random.Next(4) switch
        {
            0 => ("imonth", "13"),
            1 => ("attacktype1", "42"),
            2 => ("country_txt", "Atlantis"),
            _ => ("nkillter", "9999"),
        };
        row[column.Item1] = column.Item2;
        if (column.Item1 == "country_txt")
        {
            row.Remove("country");
        }
        else if (column.Item1 == "nkillter")
        {
            row["nkill"] = "1";
        }

        Bad.Add(new GtdBadRow(row["eventid"], column.Item1));
    }

    private void Fill(Dictionary<string, string> row, string name, int count, (int Code, string Text, string? Detail, double Weight)[] choices, string? detail)
    {
        for (var i = 1; i <= count; i++)
        {
            var choice = Pick(choices, c => c.Weight);
            row[$"{name}{i}"] = N(choice.Code);
            row[$"{name}{i}_txt"] = choice.Text;
            if (detail is not null && !string.IsNullOrEmpty(choice.Detail))
            {
                row[detail == "target" ? $"target{i}" : $"{detail}{i}_txt"] = choice.Detail;
            }
        }
    }

    /// <summary>A toll: blank (unknown) at the first rate, 0 at the second, else mostly small.</summary>
    private int? Toll(double blank, double zero)
    {
        var roll = _random.NextDouble();
        return roll < blank ? null : roll < blank + zero ? 0 : (int)Math.Min(300, Math.Floor(-Math.Log(1 - _random.NextDouble()) * 4) + 1);
    }

    private int Year()
    {
        // The GTD counts far more attacks after 2011; it has no 1993.
        while (true)
        {
            var year = _random.Next(1970, 2021);
            if (year != 1993 && _random.NextDouble() < (year >= 2012 ? 1.0 : year >= 2001 ? 0.35 : 0.25))
            {
                return year;
            }
        }
    }

    private T Pick<T>(T[] choices, Func<T, double> weight)
    {
        var roll = _random.NextDouble() * choices.Sum(weight);
        foreach (var choice in choices)
        {
            roll -= weight(choice);
            if (roll <= 0)
            {
                return choice;
            }
        }

        return choices[^1];
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);
}
