using System.Globalization;

namespace AttackTracker.Domain;

/// <summary>
/// The codes the record files an incident under: ISO 3166-1 alpha-2 (with XK, Kosovo, as the
/// European Commission and most data sets use it), the ISO 3166-3 four-letter codes of states
/// that no longer exist (an attack in the Soviet Union in 1985 stays in the Soviet Union), and
/// XZ, "International", for the GTD's attacks in international waters or airspace (a code of
/// ISO's user-assigned range, as UN/LOCODE uses it).
/// </summary>
public static class Countries
{
    /// <summary>The longest code: an ISO 3166-3 code has four letters.</summary>
    public const int MaxCodeLength = 4;

    public const string International = "XZ";

    private static readonly HashSet<string> Current = new(
        ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
        + "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
        + "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT "
        + "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
        + "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG "
        + "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK XZ").Split(' '),
        StringComparer.Ordinal);

    /// <summary>
    /// ISO 3166-3 (formerly used names of countries), every entry, as Debian's iso-codes
    /// package (iso_3166-3.json) lists them, each with the English name it is known by. A
    /// state whose code passed to its successor unchanged has no entry of its own: West
    /// Germany is DE, the Republic of Vietnam (South Vietnam) VN, the Yemen Arab Republic
    /// (North Yemen) YE.
    /// </summary>
    private static readonly Dictionary<string, string> Former = new(StringComparer.Ordinal)
    {
        ["AIDJ"] = "French Afars and Issas",
        ["ANHH"] = "Netherlands Antilles",
        ["BQAQ"] = "British Antarctic Territory",
        ["BUMM"] = "Burma",
        ["BYAA"] = "Byelorussian SSR",
        ["CSHH"] = "Czechoslovakia",
        ["CSXX"] = "Serbia and Montenegro",
        ["CTKI"] = "Canton and Enderbury Islands",
        ["DDDE"] = "East Germany",
        ["DYBJ"] = "Dahomey",
        ["FQHH"] = "French Southern and Antarctic Territories",
        ["FXFR"] = "Metropolitan France",
        ["GEHH"] = "Gilbert and Ellice Islands",
        ["HVBF"] = "Upper Volta",
        ["JTUM"] = "Johnston Island",
        ["MIUM"] = "Midway Islands",
        ["NHVU"] = "New Hebrides",
        ["NQAQ"] = "Dronning Maud Land",
        ["NTHH"] = "Neutral Zone",
        ["PCHH"] = "Pacific Islands (Trust Territory)",
        ["PUUM"] = "US Miscellaneous Pacific Islands",
        ["PZPA"] = "Panama Canal Zone",
        ["RHZW"] = "Rhodesia",
        ["SKIN"] = "Sikkim",
        ["SUHH"] = "Soviet Union",
        ["TPTL"] = "East Timor",
        ["VDVN"] = "North Vietnam",
        ["WKUM"] = "Wake Island",
        ["YDYE"] = "South Yemen",
        ["YUCS"] = "Yugoslavia",
        ["ZRCD"] = "Zaire",
    };

    /// <summary>Names .NET's region data lacks or gives otherwise than the record shows them.</summary>
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["XK"] = "Kosovo",
        ["XZ"] = "International",
    };

    public static bool IsCode(string? code) => code is not null && (Current.Contains(code) || Former.ContainsKey(code));

    /// <summary>Whether the code names a state or territory that no longer exists (ISO 3166-3).</summary>
    public static bool IsHistorical(string? code) => code is not null && Former.ContainsKey(code);

    /// <summary>Every code the record accepts, current and historical.</summary>
    public static IEnumerable<string> All => Current.Concat(Former.Keys);

    public static IEnumerable<string> Historical => Former.Keys;

    /// <summary>The code's English name; a code the record does not know is its own name.</summary>
    public static string Name(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Former.TryGetValue(code, out var former) || Named.TryGetValue(code, out former))
        {
            return former;
        }

        if (!Current.Contains(code))
        {
            return code;
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>The message for a value that is not a code, naming both kinds.</summary>
    public const string Expected = "must be an ISO 3166-1 alpha-2 code such as FR, or the ISO 3166-3 code of a former state such as SUHH (Soviet Union).";
}
