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
public sealed class GtdGenerator(int seed = 1, double badShare = 0.01)
{
    private static readonly string[] Regions =
    [
        "", "North America", "Central America & Caribbean", "South America", "East Asia", "Southeast Asia", "South Asia",
        "Central Asia", "Western Europe", "Eastern Europe", "Middle East & North Africa", "Sub-Saharan Africa", "Australasia & Oceania",
    ];

    private sealed record Place(string Province, string City, double Lat, double Lon);

    private sealed record Land(int Code, string Name, int Region, int From, int To, double Weight, string[] Groups, Place[] Places);

    private static readonly Land[] Lands =
    [
        new(95, "Iraq", 10, 1970, 2020, 12, ["Islamic State of Iraq and the Levant (ISIL)", "Al-Qaida in Iraq"], [new("Baghdad", "Baghdad", 33.3152, 44.3661), new("Nineveh", "Mosul", 36.34, 43.13)]),
        new(4, "Afghanistan", 6, 1979, 2020, 8, ["Taliban", "Khorasan Chapter of the Islamic State"], [new("Kabul", "Kabul", 34.5553, 69.2075), new("Helmand", "Lashkar Gah", 31.5938, 64.37)]),
        new(153, "Pakistan", 6, 1970, 2020, 6, ["Tehrik-i-Taliban Pakistan (TTP)", "Baloch Liberation Army (BLA)"], [new("Khyber Pakhtunkhwa", "Peshawar", 34.0151, 71.5249), new("Balochistan", "Quetta", 30.1798, 66.975)]),
        new(92, "India", 6, 1970, 2020, 5, ["Communist Party of India - Maoist (CPI-Maoist)", "Sikh Extremists"], [new("Chhattisgarh", "Sukma", 18.39, 81.66), new("Jammu and Kashmir", "Srinagar", 34.0837, 74.7973)]),
        new(45, "Colombia", 3, 1970, 2020, 4, ["Revolutionary Armed Forces of Colombia (FARC)", "National Liberation Army of Colombia (ELN)"], [new("Antioquia", "Medellín", 6.2442, -75.5812), new("Cauca", "Popayán", 2.4448, -76.6147)]),
        new(160, "Philippines", 5, 1970, 2020, 3, ["New People's Army (NPA)", "Abu Sayyaf Group (ASG)"], [new("Sulu", "Jolo", 6.0535, 121.0024), new("Davao del Sur", "Davao", 7.1907, 125.4553)]),
        new(159, "Peru", 3, 1978, 2000, 3, ["Shining Path (SL)", "Tupac Amaru Revolutionary Movement (MRTA)"], [new("Lima", "Lima", -12.0464, -77.0428), new("Ayacucho", "Ayacucho", -13.1588, -74.2232)]),
        new(61, "El Salvador", 2, 1975, 1992, 3, ["Farabundo Marti National Liberation Front (FMLN)"], [new("San Salvador", "San Salvador", 13.6929, -89.2182)]),
        new(603, "United Kingdom", 8, 1970, 2020, 3, ["Irish Republican Army (IRA)", "Ulster Volunteer Force (UVF)"], [new("Northern Ireland", "Belfast", 54.5973, -5.9301), new("England", "London", 51.5074, -0.1278)]),
        new(209, "Turkey", 10, 1970, 2020, 3, ["Kurdistan Workers' Party (PKK)"], [new("Diyarbakir", "Diyarbakir", 37.9144, 40.2306), new("Istanbul", "Istanbul", 41.0082, 28.9784)]),
        new(182, "Somalia", 11, 1990, 2020, 3, ["Al-Shabaab"], [new("Banaadir", "Mogadishu", 2.0469, 45.3182)]),
        new(147, "Nigeria", 11, 1990, 2020, 3, ["Boko Haram", "Fulani extremists"], [new("Borno", "Maiduguri", 11.8311, 13.151)]),
        new(185, "Spain", 8, 1970, 2012, 2, ["Basque Fatherland and Freedom (ETA)"], [new("Basque Country", "Bilbao", 43.263, -2.935), new("Madrid", "Madrid", 40.4168, -3.7038)]),
        new(69, "France", 8, 1970, 2020, 2, ["Corsican National Liberation Front (FLNC)", "Islamic State of Iraq and the Levant (ISIL)"], [new("Corsica", "Ajaccio", 41.9192, 8.7386), new("Occitanie", "Trèbes", 43.2103, 2.4431), new("Île-de-France", "Paris", 48.8566, 2.3522)]),
        new(99, "Ivory Coast", 11, 1990, 2020, 1, ["Al-Qaida in the Islamic Maghreb (AQIM)"], [new("Sud-Comoé", "Grand-Bassam", 5.211, -3.7389), new("Lagunes", "Abidjan", 5.36, -4.0083)]),
        new(75, "Germany", 8, 1991, 2020, 1, ["Neo-Nazi extremists"], [new("Berlin", "Berlin", 52.52, 13.405), new("Bavaria", "München", 48.1351, 11.582)]),
        new(167, "Russia", 9, 1992, 2020, 2, ["Chechen Rebels", "Caucasus Emirate"], [new("Chechnya", "Grozny", 43.3178, 45.6949), new("Moscow", "Moscow", 55.7558, 37.6173)]),
        new(359, "Soviet Union", 9, 1970, 1991, 0.6, ["Armenian nationalists"], [new("Moscow", "Moscow", 55.7558, 37.6173), new("Georgian SSR", "Tbilisi", 41.7151, 44.8271)]),
        new(362, "West Germany (FRG)", 8, 1970, 1990, 1.5, ["Red Army Faction (RAF)", "Revolutionary Cells"], [new("North Rhine-Westphalia", "Köln", 50.9375, 6.9603), new("Hesse", "Frankfurt", 50.1109, 8.6821)]),
        new(499, "East Germany (GDR)", 9, 1970, 1990, 0.2, ["Commune 1"], [new("Berlin", "East Berlin", 52.5167, 13.4)]),
        new(235, "Yugoslavia", 9, 1970, 1991, 0.5, ["Croatian Nationalists"], [new("Kosovo", "Pristina", 42.6629, 21.1655), new("Croatia", "Zagreb", 45.815, 15.9819)]),
        new(236, "Czechoslovakia", 9, 1970, 1992, 0.1, [], [new("Bohemia", "Praha", 50.0755, 14.4378)]),
        new(403, "Rhodesia", 11, 1970, 1979, 0.5, ["Zimbabwe African National Union (ZANU)"], [new("Manicaland", "Umtali", -18.97, 32.67)]),
        new(604, "Zaire", 11, 1971, 1997, 0.4, [], [new("Kinshasa", "Kinshasa", -4.4419, 15.2663)]),
        new(428, "South Vietnam", 5, 1970, 1975, 0.4, ["Viet Cong"], [new("Saigon", "Saigon", 10.8231, 106.6297)]),
        new(406, "South Yemen", 10, 1970, 1990, 0.2, [], [new("Aden", "Aden", 12.7855, 45.0187)]),
        new(175, "Serbia-Montenegro", 9, 1992, 2006, 0.3, ["Kosovo Liberation Army (KLA)"], [new("Kosovo", "Mitrovica", 42.8833, 20.8667)]),
        new(155, "West Bank and Gaza Strip", 10, 1970, 2020, 2, ["Hamas (Islamic Resistance Movement)"], [new("Gaza Strip", "Gaza", 31.5017, 34.4668), new("West Bank", "Hebron", 31.5326, 35.0998)]),
        new(422, "International", 10, 1970, 2020, 0.1, [], [new(string.Empty, "Unknown", double.NaN, double.NaN)]),
    ];

    private static readonly (int Code, string Text, double Weight)[] AttackTypes =
        [(3, "Bombing/Explosion", 48), (2, "Armed Assault", 23), (1, "Assassination", 11), (6, "Hostage Taking (Kidnapping)", 6), (7, "Facility/Infrastructure Attack", 6), (9, "Unknown", 4), (8, "Unarmed Assault", 1), (4, "Hijacking", 0.5), (5, "Hostage Taking (Barricade Incident)", 0.5)];

    private static readonly (int Code, string Text, string Target, double Weight)[] Targets =
        [(14, "Private Citizens & Property", "Civilians", 24), (4, "Military", "Military patrol", 16), (3, "Police", "Police checkpoint", 14), (2, "Government (General)", "Government office", 12), (1, "Business", "Shop, with its owner", 11), (19, "Transportation", "Bus", 4), (15, "Religious Figures/Institutions", "Mosque", 3), (21, "Utilities", "Power line", 3), (8, "Educational Institution", "School", 3), (20, "Unknown", "Unknown", 3)];

    private static readonly (int Code, string Text, string Sub, double Weight)[] Weapons =
        [(6, "Explosives", "Unknown Explosive Type", 50), (5, "Firearms", "Unknown Gun Type", 32), (13, "Unknown", string.Empty, 8), (8, "Incendiary", "Arson/Fire", 6), (9, "Melee", "Knife or Other Sharp Object", 4)];

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
            ["eventid"] = $"{id}{_ids[id]:D4}", ["iyear"] = N(year), ["imonth"] = N(month), ["iday"] = N(day), ["extended"] = "0",
            ["country"] = N(land.Code), ["country_txt"] = land.Name, ["region"] = N(land.Region), ["region_txt"] = Regions[land.Region],
            ["city"] = place.City, ["specificity"] = double.IsNaN(place.Lat) ? "5" : "1", ["vicinity"] = "0", ["crit1"] = "1", ["crit2"] = "1",
            ["crit3"] = "1", ["doubtterr"] = "0", ["multiple"] = "0", ["success"] = _random.NextDouble() < 0.9 ? "1" : "0", ["suicide"] = "0",
            ["guncertain1"] = "0", ["individual"] = "0", ["nperps"] = "-99", ["nperpcap"] = "-99", ["property"] = "-9", ["ishostkid"] = "0",
            ["dbsource"] = year >= 2012 ? "START Primary Collection" : "PGIS", ["INT_LOG"] = "-9", ["INT_IDEO"] = "-9", ["INT_MISC"] = "0", ["INT_ANY"] = "-9",
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
