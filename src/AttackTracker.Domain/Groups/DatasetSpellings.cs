using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>
/// How the data sets themselves spell some groups (their codebooks and the sample files in
/// tests/…/Exchange/Samples: UCDP's actor names, ACLED's "ACRONYM: name" actors, GTD's names with
/// the acronym in brackets, RAND's perpetrators), and the desk's table of known names
/// (<see cref="GroupAliases"/>). Two names of one row are likely one group: a suggestion, never an
/// identity, until an editor says so.
/// </summary>
public static class DatasetSpellings
{
    private static readonly (string Group, string[] Spellings)[] Table =
    [
        ("islamic-state", ["IS", "Islamic State", "Islamic State (Iraq)", "Islamic State (Syria)", "Islamic State of Iraq and the Levant (ISIL)", "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria", "ISIL", "ISIS", "Daesh"]),
        ("boko-haram", ["Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "JAS: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"]),
        ("abu-sayyaf", ["Abu Sayyaf", "Abu Sayyaf Group", "Abu Sayyaf Group (ASG)", "ASG"]),
        ("jnim", ["JNIM", "JNIM: Group for Support of Islam and Muslims", "Jamaat Nusrat al-Islam wal Muslimin (JNIM)", "Jama'at Nusrat al-Islam wal-Muslimin"]),
        ("aqap", ["AQAP", "Al-Qaida in the Arabian Peninsula (AQAP)", "al-Qaeda in the Arabian Peninsula", "Al Qaeda in the Arabian Peninsula"]),
        ("aqim", ["AQIM", "Al-Qaida in the Islamic Maghreb (AQIM)", "al-Qaeda in the Islamic Maghreb"]),
        ("al-shabaab", ["Al-Shabaab", "Al Shabaab", "al-Shabab", "Harakat al-Shabaab al-Mujahideen"]),
        ("al-qaeda", ["al-Qaeda", "Al-Qaida", "al Qaeda", "Al Qaida"]),
        ("farc", ["FARC", "Revolutionary Armed Forces of Colombia (FARC)", "FARC: Revolutionary Armed Forces of Colombia"]),
        ("eln", ["ELN", "ELN: National Liberation Army", "National Liberation Army (ELN) - Colombia"]),
    ];

    private static readonly Dictionary<string, string> BySlug = Table
        .SelectMany(row => row.Spellings.Select(s => (Slug: GroupNames.Slug(s), row.Group)))
        .DistinctBy(x => x.Slug)
        .ToDictionary(x => x.Slug, x => x.Group, StringComparer.Ordinal);

    /// <summary>The row a name belongs to: the data sets' table by slug, else the desk's table of known names; null when neither knows it.</summary>
    public static string? GroupOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BySlug.GetValueOrDefault(GroupNames.Slug(name))
            ?? (GroupAliases.Canonical(GroupNames.Display(name)) is { } canonical ? BySlug.GetValueOrDefault(GroupNames.Slug(canonical)) ?? "desk:" + GroupNames.Slug(canonical) : null);
    }
}
