using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// A small table of group names and their spellings: "ISIS", "ISIL", "Daesh", "l'État islamique" are
/// the Islamic State. The canonical spelling is the one the record uses, so a claim suggested here
/// lands on the same group slug (<see cref="Statistics.GroupNames.Slug"/>) as reports typed by hand.
/// </summary>
public static partial class GroupAliases
{
    private static readonly (string Canonical, string[] Aliases, string[] Acronyms)[] Table =
    [
        ("Islamic State Khorasan Province", ["Islamic State Khorasan Province", "Islamic State of Khorasan", "Islamic State Khorasan", "Islamic State-Khorasan", "Islamic State in Khorasan"], ["ISKP", "ISIS-K", "IS-K", "ISK"]),
        ("Islamic State in the Greater Sahara", ["Islamic State in the Greater Sahara", "Islamic State Sahel Province"], ["ISGS", "ISSP"]),
        ("Islamic State West Africa Province", ["Islamic State West Africa Province", "Islamic State's West Africa Province"], ["ISWAP"]),
        ("Islamic State", ["Islamic State of Iraq and Syria", "Islamic State of Iraq and the Levant", "Islamic State", "Daesh", "Daech", "État islamique", "Etat islamique", "Estado Islámico", "Estado Islamico"], ["ISIS", "ISIL", "IS", "EI"]),
        ("al-Qaeda in the Arabian Peninsula", ["al-Qaeda in the Arabian Peninsula", "al Qaeda in the Arabian Peninsula", "al-Qaida in the Arabian Peninsula"], ["AQAP"]),
        ("al-Qaeda in the Islamic Maghreb", ["al-Qaeda in the Islamic Maghreb", "al Qaeda in the Islamic Maghreb"], ["AQIM"]),
        ("Jama'at Nusrat al-Islam wal-Muslimin", ["Jama'at Nusrat al-Islam wal-Muslimin", "Group for the Support of Islam and Muslims"], ["JNIM"]),
        ("al-Qaeda", ["al-Qaeda", "al Qaeda", "al-Qaida", "al Qaida", "Al-Qaeda", "Al Qaeda"], []),
        ("al-Shabaab", ["al-Shabaab", "al Shabaab", "al-Shabab", "Al-Shabaab", "Al Shabaab", "Al-Shabab", "Shabaab"], []),
        ("Boko Haram", ["Boko Haram"], []),
        ("Tehrik-i-Taliban Pakistan", ["Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehrik-e-Taliban Pakistan", "Pakistani Taliban"], ["TTP"]),
        ("Taliban", ["Taliban", "Afghan Taliban"], []),
        ("Baloch Liberation Army", ["Baloch Liberation Army", "Balochistan Liberation Army"], ["BLA"]),
        ("Kurdistan Workers' Party", ["Kurdistan Workers' Party", "Kurdistan Workers Party"], ["PKK"]),
        ("Kurdistan Freedom Falcons", ["Kurdistan Freedom Falcons"], ["TAK"]),
        ("Allied Democratic Forces", ["Allied Democratic Forces"], ["ADF"]),
        ("Hamas", ["Hamas"], []),
        ("Hezbollah", ["Hezbollah", "Hizbollah", "Hizballah"], []),
        ("Lashkar-e-Taiba", ["Lashkar-e-Taiba", "Lashkar-e-Tayyiba"], ["LeT"]),
        ("Jaish-e-Mohammed", ["Jaish-e-Mohammed", "Jaish-e-Muhammad"], ["JeM"]),
        ("Houthis", ["Houthis", "Houthi movement", "Ansar Allah"], []),
        ("New IRA", ["New IRA", "New Irish Republican Army"], []),
    ];

    private static readonly Regex Pattern = Build();

    /// <summary>The canonical spelling of a group name the table knows, or null.</summary>
    public static string? Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(name).FirstOrDefault(m => m.Index == 0 && m.Length == name.Trim().Length).Canonical;
    }

    /// <summary>Every group name in the text, as (canonical spelling, start, length, as written), longest spelling first.</summary>
    internal static IEnumerable<(string Canonical, int Index, int Length, string Written)> Find(string text)
    {
        foreach (Match m in Pattern.Matches(text))
        {
            var group = m.Groups.Cast<Group>().Skip(1).First(g => g.Success && g.Name.StartsWith('g'));
            var canonical = Table[int.Parse(group.Name[1..], System.Globalization.CultureInfo.InvariantCulture)].Canonical;
            // "al-Qaeda-linked", "ISIS-inspired", "anti-ISIS": the name is an adjective, not the group.
            var end = m.Index + m.Length;
            var adjective = (end < text.Length && text[end] == '-') || (m.Index > 0 && text[m.Index - 1] == '-');
            if (!adjective)
            {
                yield return (canonical, m.Index, m.Length, m.Value);
            }
        }
    }

    private static Regex Build()
    {
        var parts = Table.Select((row, i) =>
        {
            var names = row.Aliases.OrderByDescending(a => a.Length).Select(a => $"(?i:{Regex.Escape(a).Replace("'", "['’]", StringComparison.Ordinal)})");
            var acronyms = row.Acronyms.Select(Regex.Escape);
            return $"(?<g{i}>{string.Join('|', names.Concat(acronyms))})";
        });
        return new Regex($@"(?<![\p{{L}}\d])(?:l['’])?(?:{string.Join('|', parts)})(?![\p{{L}}\d])", RegexOptions.CultureInvariant);
    }
}
