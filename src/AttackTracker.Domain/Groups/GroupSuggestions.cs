using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Groups;

/// <summary>Two names seen that are likely one group, and why (each signal that matched).</summary>
public sealed record GroupSuggestion(string Name, string Slug, string Other, string OtherSlug, IReadOnlyList<string> Signals);

/// <summary>
/// Suggests aliases from the names seen (docs/identity.md, Groups): pairs of names, not already one
/// group, that look like one group. Deterministic, and linear in the names (each signal is a lookup
/// in an index of them, not a comparison of every pair). The signals:
/// <list type="bullet">
/// <item><c>acronym-in-brackets</c>: a name with its acronym in brackets, and the acronym ("Islamic State of Iraq and the Levant (ISIL)", "ISIL"); ACLED's "JNIM: Group for …" form too.</item>
/// <item><c>initials</c>: an acronym and a name it is the initials of, the small words (of, and, the, in, al) taken or skipped ("ISIL", "Islamic State of Iraq and the Levant"; "AQAP", "al-Qaeda in the Arabian Peninsula").</item>
/// <item><c>same-words</c>: the same words once punctuation, case and the small words are dropped ("The Taliban", "Taliban").</item>
/// <item><c>dataset-spelling</c>: two of the spellings the data sets themselves use for one group (<see cref="DatasetSpellings"/>), or the desk's table of known names.</item>
/// </list>
/// </summary>
public static class GroupSuggestions
{
    private static readonly HashSet<string> SmallWords = new(["of", "and", "the", "in", "al"], StringComparer.Ordinal);

    public static IReadOnlyList<GroupSuggestion> Find(IEnumerable<string> namesSeen, GroupResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(namesSeen);
        ArgumentNullException.ThrowIfNull(resolution);
        // One name per slug stands for its spellings: one that gives its acronym if any does, then the first in ordinal order.
        var spellings = namesSeen.Select(n => n.Trim()).Where(n => GroupNames.Slug(n).Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var names = spellings.GroupBy(GroupNames.Slug, StringComparer.Ordinal)
            .Select(g => g.OrderBy(n => GivenAcronym(n) is null).ThenBy(n => n, StringComparer.Ordinal).First())
            .ToList();
        var bySlug = names.ToDictionary(GroupNames.Slug, StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), SortedSet<string>>();

        void Pair(string a, string b, string signal)
        {
            var (x, y) = (GroupNames.Slug(a), GroupNames.Slug(b));
            if (x == y || resolution.Key(x) == resolution.Key(y))
            {
                return;
            }

            var key = string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);
            if (!pairs.TryGetValue(key, out var signals))
            {
                pairs[key] = signals = new SortedSet<string>(StringComparer.Ordinal);
            }

            signals.Add(signal);
        }

        var byInitials = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byWords = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byDataset = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var spelling in spellings)
        {
            if (GivenAcronym(spelling) is { } acronym && bySlug.TryGetValue(GroupNames.Slug(acronym), out var named))
            {
                Pair(bySlug[GroupNames.Slug(spelling)], named, "acronym-in-brackets");
            }
        }

        foreach (var name in names)
        {

            var words = Words(GroupNames.Display(name));
            if (words.Count >= 2)
            {
                foreach (var initials in Initials(words))
                {
                    Add(byInitials, initials, name);
                }
            }

            var significant = string.Join(' ', words.Where(w => !SmallWords.Contains(w)));
            if (significant.Length > 0)
            {
                Add(byWords, significant, name);
            }

            if (DatasetSpellings.GroupOf(name) is { } known)
            {
                Add(byDataset, known, name);
            }
        }

        foreach (var name in names.Where(IsAcronym))
        {
            foreach (var full in byInitials.GetValueOrDefault(GroupNames.Slug(name)) ?? [])
            {
                Pair(name, full, "initials");
            }
        }

        foreach (var (signal, index) in new[] { ("same-words", byWords), ("dataset-spelling", byDataset) })
        {
            foreach (var same in index.Values.Where(v => v.Count > 1))
            {
                for (var i = 0; i < same.Count; i++)
                {
                    for (var j = i + 1; j < same.Count; j++)
                    {
                        Pair(same[i], same[j], signal);
                    }
                }
            }
        }

        return [.. pairs.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
            .Select(p => new GroupSuggestion(bySlug[p.Key.Item1], p.Key.Item1, bySlug[p.Key.Item2], p.Key.Item2, [.. p.Value]))];
    }

    /// <summary>The acronym a name gives for itself: in brackets at its end ("… (ISIL)"), or before a colon at its start (ACLED's "JNIM: …").</summary>
    public static string? GivenAcronym(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.EndsWith(')') && trimmed.LastIndexOf('(') is var open and > 0)
        {
            var inner = trimmed[(open + 1)..^1].Trim();
            return IsAcronym(inner) ? inner : null;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < trimmed.Length - 1 && IsAcronym(trimmed[..colon].Trim()) ? trimmed[..colon].Trim() : null;
    }

    /// <summary>One word of two to ten letters or digits, its letters all capitals: "ISIL", "AQAP", "M19"; not "Hamas".</summary>
    public static bool IsAcronym(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is >= 2 and <= 10 && name.All(char.IsLetterOrDigit) && name.Any(char.IsLetter) && name.Where(char.IsLetter).All(char.IsUpper);
    }

    /// <summary>Every string of initials the words give, each small word taken or skipped ("of", "the", …), lower case.</summary>
    public static IEnumerable<string> Initials(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        // Each small word doubles the strings; past six of them they are all taken, which bounds the work per name.
        var optional = words.Count(SmallWords.Contains) <= 6;
        IEnumerable<string> results = [string.Empty];
        foreach (var word in words)
        {
            var initial = char.ToLowerInvariant(word[0]).ToString();
            results = optional && SmallWords.Contains(word)
                ? results.SelectMany(r => new[] { r, r + initial })
                : results.Select(r => r + initial);
        }

        return results.Where(r => r.Length >= 2).Distinct(StringComparer.Ordinal);
    }

    /// <summary>The words of a name, lower case, split at anything but letters and digits ("al-Qaeda" is "al", "qaeda"), apostrophes dropped ("People's" is one word).</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return [.. GroupNames.Slug(name.Replace("'", "", StringComparison.Ordinal).Replace("\u2019", "", StringComparison.Ordinal)).Split('-', StringSplitOptions.RemoveEmptyEntries).Take(12)];
    }

    private static void Add(Dictionary<string, List<string>> index, string key, string name)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (!list.Contains(name, StringComparer.Ordinal))
        {
            list.Add(name);
        }
    }
}
