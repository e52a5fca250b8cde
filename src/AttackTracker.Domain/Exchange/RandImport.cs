using System.Security.Cryptography;
using System.Text;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// Reads the RAND Database of Worldwide Terrorism Incidents as RAND published it for download
/// (Date, City, Country, Perpetrator, Weapon, Injuries, Fatalities, Description; docs/datasets.md).
/// </summary>
public static class RandImport
{
    private static readonly Guid Namespace = new("7e4c1a92-58d3-4b0f-8f61-2c9d0a7b3e15");

    public static IReadOnlyList<string> Columns { get; } = ["Date", "City", "Country", "Perpetrator", "Weapon", "Injuries", "Fatalities", "Description"];

    private static readonly string[] IdentityColumns = ["City", "Country", "Perpetrator", "Description"];

    /// <summary>RDWTI's weapon words and the GTD weapon types they are; the word itself stays as the fact's detail.</summary>
    private static readonly Dictionary<string, WeaponType> Weapons = new(StringComparer.Ordinal)
    {
        ["explosives"] = WeaponType.Explosives,
        ["explosive"] = WeaponType.Explosives,
        ["remote-detonated explosive"] = WeaponType.Explosives,
        ["firearms"] = WeaponType.Firearms,
        ["firearm"] = WeaponType.Firearms,
        ["fire or firebomb"] = WeaponType.Incendiary,
        ["firebomb"] = WeaponType.Incendiary,
        ["knives & sharp objects"] = WeaponType.Melee,
        ["knives and sharp objects"] = WeaponType.Melee,
        ["chemical"] = WeaponType.Chemical,
        ["biological"] = WeaponType.Biological,
        ["radiological"] = WeaponType.Radiological,
        ["nuclear"] = WeaponType.Nuclear,
        ["other"] = WeaponType.Other,
        ["unknown"] = WeaponType.Unknown,
    };

    /// <summary>
    /// RDWTI's rows have no id. A row is named by its date and a digest of the cells that say which
    /// attack it is (date, city, country, perpetrator, description; not the counts or the weapon,
    /// which a later release may correct), and by its place among identical rows of the file
    /// (<paramref name="occurrence"/>, from 1): a second identical row is a second incident.
    /// </summary>
    public static string Key(DateOnly date, IReadOnlyDictionary<string, string?> cells, int occurrence)
    {
        ArgumentNullException.ThrowIfNull(cells);
        // The date is the key's first part as a date, so "9-Feb-68" and "2/9/1968" name the same row.
        var identity = string.Join('\u001f', IdentityColumns
            .Select(c => SourceNames.Normalize(cells.GetValueOrDefault(c) ?? string.Empty)));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        return occurrence == 1 ? $"{DatasetDates.Day(date)}/{digest}" : $"{DatasetDates.Day(date)}/{digest}/{occurrence}";
    }

    /// <summary>The identity of a row before its occurrence is known: what <see cref="Key"/> counts repeats of; null when the date cannot be read.</summary>
    public static string? Identity(IReadOnlyDictionary<string, string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells.GetValueOrDefault("Date") is { } text && DatasetDates.Rand(text.Trim()) is { } date ? Key(date, cells, 1) : null;
    }

    public static Guid IncidentId(string key) => StableId.For(Namespace, key);

    /// <summary>One row as its incident and report; <paramref name="occurrence"/> is how many rows of the file so far, this one included, had its identity.</summary>
    public static GtdRow? Read(int line, IReadOnlyDictionary<string, string?> cells, string dataset, string release, int occurrence, List<GtdRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var row = new DatasetRow(line, cells, errors);
        var dateText = row.Text("Date");
        var date = dateText is null ? null : DatasetDates.Rand(dateText);
        if (dateText is null)
        {
            row.Fail("Date", "is required.");
        }
        else if (date is null)
        {
            row.Fail("Date", $"'{dateText}' is not a date as RAND writes them (9-Feb-68, 9-Feb-1968, 2/9/1968 or 1968-02-09).");
        }

        var countryName = row.Text("Country");
        var country = countryName is null ? null : DatasetCountries.ByName(countryName);
        if (countryName is null)
        {
            row.Fail("Country", "is required.");
        }
        else if (country is null)
        {
            row.Fail("Country", $"'{countryName}' is not a country name this import knows.");
        }

        var (killed, wounded) = (row.Count("Fatalities"), row.Count("Injuries"));
        row.Casualties(killed?.Count, killed?.Perpetrators, wounded?.Count, wounded?.Perpetrators);
        if (row.Cells.Known("Perpetrator") is { } perpetrator && !perpetrator.Equals("Other", StringComparison.OrdinalIgnoreCase))
        {
            row.Party(perpetrator);
        }

        if (row.Text("Weapon") is { } weapon)
        {
            if (Weapons.TryGetValue(SourceNames.Normalize(weapon), out var type))
            {
                row.Facts.Add(new WeaponFact { WeaponType = type, Detail = row.Detail("Weapon", weapon) });
            }
            else
            {
                row.Note("Weapon", weapon);
            }
        }

        var city = row.Cells.Known("City");
        var region = country?.Region;
        if (country is not null)
        {
            row.Facts.Add(new LocationFact { City = row.Detail("City", city), Region = region, Country = country.Country });
        }

        if (date is not { } day || country is null)
        {
            return null;
        }

        var key = Key(day, cells, occurrence);
        var place = city ?? region ?? Countries.Name(country.Country);
        return row.Build(
            new RowIncident(key, IncidentId(key), $"{dataset} incident of {DatasetDates.Day(day)} in {place}", DatasetDates.Day(day), country.Country, place, row.Text("Description")),
            dataset,
            GtdImport.ReportTitle(dataset, release, key, cells),
            release);
    }
}
