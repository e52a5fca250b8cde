using System.Globalization;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Exchange;

/// <summary>
/// The Global Terrorism Database codebook's columns and codes that the record can fill
/// (docs/export.md), and the columns the record adds. The GTD numbers its attack, weapon and
/// target types from 1 in the order of <see cref="AttackType"/>, <see cref="WeaponType"/> and
/// <see cref="TargetType"/>.
/// </summary>
public static class GtdCodebook
{
    public const int AttackTypeColumns = 3;
    public const int TargetTypeColumns = 3;
    public const int WeaponTypeColumns = 4;
    public const int GroupColumns = 3;
    public const int CitationColumns = 3;

    /// <summary>The export's columns, in order: the GTD's first, then the record's own.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "eventid", "iyear", "imonth", "iday", "country", "country_txt", "provstate", "city", "latitude", "longitude",
        .. Numbered("attacktype", AttackTypeColumns),
        .. Numbered("targtype", TargetTypeColumns),
        .. Numbered("weaptype", WeaponTypeColumns),
        "gname", "gname2", "gname3", "claimed", "nkill", "nkillter", "nwound", "nwoundte",
        "scite1", "scite2", "scite3", "summary",
        "title", "country_iso2",
        "nkill_low", "nkill_high", "nkill_status", "nwound_low", "nwound_high", "nwound_status",
        "nreports", "version",
    ];

    /// <summary>The GTD's "Unknown" group name and its code for an unknown claim.</summary>
    public const string UnknownGroup = "Unknown";

    public const string UnknownClaim = "-9";

    private static readonly string[] AttackTexts =
    [
        "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking", "Hostage Taking (Barricade Incident)",
        "Hostage Taking (Kidnapping)", "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown",
    ];

    private static readonly string[] WeaponTexts =
    [
        "Biological", "Chemical", "Radiological", "Nuclear", "Firearms", "Explosives", "Fake Weapons", "Incendiary",
        "Melee", "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)", "Sabotage Equipment", "Other", "Unknown",
    ];

    private static readonly string[] TargetTexts =
    [
        "Business", "Government (General)", "Police", "Military", "Abortion Related", "Airports & Aircraft",
        "Government (Diplomatic)", "Educational Institution", "Food or Water Supply", "Journalists & Media",
        "Maritime", "NGO", "Other", "Private Citizens & Property", "Religious Figures/Institutions", "Telecommunication",
        "Terrorists/Non-State Militia", "Tourists", "Transportation", "Unknown", "Utilities", "Violent Political Party",
    ];

    public static int Code(AttackType type) => (int)type + 1;

    public static int Code(WeaponType type) => (int)type + 1;

    public static int Code(TargetType type) => (int)type + 1;

    public static string Text(AttackType type) => AttackTexts[(int)type];

    public static string Text(WeaponType type) => WeaponTexts[(int)type];

    public static string Text(TargetType type) => TargetTexts[(int)type];

    public static bool TryAttackType(int code, out AttackType type) => TryCode(code, AttackTexts.Length, out type);

    public static bool TryWeaponType(int code, out WeaponType type) => TryCode(code, WeaponTexts.Length, out type);

    public static bool TryTargetType(int code, out TargetType type) => TryCode(code, TargetTexts.Length, out type);

    /// <summary>The status column's words, as the API writes them.</summary>
    public static string Text(FigureStatus status) => status switch
    {
        FigureStatus.SingleSource => "single-source",
        FigureStatus.Agreed => "agreed",
        FigureStatus.Disputed => "disputed",
        _ => "adjudicated",
    };

    /// <summary>The English name of one of the record's country codes (<see cref="Countries.Name"/>); a code it does not know is its own name.</summary>
    public static string CountryName(string code) => Countries.Name(code);

    /// <summary>
    /// The record's country for a country_txt: the codebook's names (historical states and parts
    /// of countries included, <see cref="GtdCountries"/>), else an English name .NET knows; null
    /// when neither knows it. Case- and accent-insensitive.
    /// </summary>
    public static GtdCountry? Country(string name) =>
        GtdCountries.ByName(name) ?? (CountriesByName.Value.GetValueOrDefault(Sources.SourceNames.Normalize(name)) is { } code ? new GtdCountry(null, name, code) : null);

    /// <summary>A country code from a name (<see cref="Country(string)"/>), or null.</summary>
    public static string? CountryCode(string name) => Country(name)?.Country;

    /// <summary>The export's country and country_txt: the codebook's number and name where it has the country, else no number and the English name.</summary>
    public static (int? Code, string Text) CountryColumns(string code) =>
        GtdCountries.ForCountry(code) is { } gtd ? (gtd.Code, gtd.Name) : (null, Countries.Name(code));

    private static readonly Lazy<Dictionary<string, string>> CountriesByName = new(() =>
        Countries.All
            .Select(code => (code, name: Countries.Name(code)))
            .Where(c => c.name != c.code)
            .GroupBy(c => Sources.SourceNames.Normalize(c.name))
            .ToDictionary(g => g.Key, g => g.First().code, StringComparer.Ordinal));

    /// <summary>
    /// Text that a spreadsheet would run as a formula gets a leading apostrophe, as OWASP advises
    /// for CSV: its first character is a tab or CR, or its first other than white space is =, +,
    /// - or @. A number (-9, +33, 1.5e3) is no formula and stays as it is. Text that already
    /// starts with apostrophes before such a formula gets one more, so that <see cref="Unescape"/>,
    /// which takes off exactly one, gives back what was escaped; any other leading apostrophe
    /// ('Ndrangheta) is the text's own and stays.
    /// </summary>
    public static string? Escape(string? text) =>
        text is { Length: > 0 } && IsFormula(text.AsSpan().TrimStart('\'')) ? "'" + text : text;

    public static string? Unescape(string? text) =>
        text is { Length: > 1 } && text[0] == '\'' && IsFormula(text.AsSpan().TrimStart('\'')) ? text[1..] : text;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsFormula(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] is '\t' or '\r')
        {
            return true;
        }

        var start = text.TrimStart();
        return start.Length > 0 && start[0] is '=' or '+' or '-' or '@' && !IsNumber(start.TrimEnd());
    }

    /// <summary>A decimal number as a spreadsheet reads one: a sign, digits with one point, an exponent.</summary>
    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var point = false;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponent = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool TryCode<T>(int code, int count, out T value)
        where T : struct, Enum
    {
        value = default;
        if (code < 1 || code > count)
        {
            return false;
        }

        value = (T)Enum.ToObject(typeof(T), code - 1);
        return true;
    }

    private static IEnumerable<string> Numbered(string name, int count) =>
        Enumerable.Range(1, count).SelectMany(i => new[] { $"{name}{i}", $"{name}{i}_txt" });
}
