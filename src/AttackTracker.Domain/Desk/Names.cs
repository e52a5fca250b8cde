using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>A person's name in the text, without a title ("Father Anton Lesko" is Anton Lesko).</summary>
internal sealed record NameSpan(int Start, int End, string Name)
{
    /// <summary>Named with an official's title ("police chief Linda Vasquez"): a source, not a victim.</summary>
    public bool Official { get; init; }
}

/// <summary>
/// Finds people's names: two to four capitalized words ("Redouane Lakdim", "Marine Le Pen"), a
/// surname already seen in full ("Beltrame"), or a single name with an aside that says who it is
/// ("Silva, the 26-year-old …", "Julie, a cashier").
/// </summary>
internal static partial class Names
{
    public const string Pattern = @"\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|du|dos|del)\s+)?\p{Lu}[\p{Ll}\p{M}'’-]+){1,3}";

    private static readonly HashSet<string> Titles = new(
        ["Father", "Mr", "Mrs", "Ms", "Dr", "Sister", "Brother", "Rev", "Imam", "Rabbi", "Sheikh", "Pastor"], StringComparer.Ordinal);

    /// <summary>Words that make a capitalized run something other than a person: a place, a body, a day.</summary>
    private static readonly HashSet<string> NotPeople = new(
        ("Street Road Avenue Square Bridge Province Republic State States Kingdom Agency Army Party Forces Front Liberation "
        + "Police Ministry Council Court University Centre Center Hospital Station News Islamic Al Qaeda Taliban Brigade "
        + "Brigades Movement Group Union Nations Church Mosque Hotel Market Airport Department Office Service Services "
        + "Government Assembly Commission Committee Tactical Security Intelligence Directorate Day Games Olympic Plan "
        + "Minister President Prime Interior Inspector Detective Chief Mayor Senator Secretary General Commissioner Governor Judge "
        + "Colonel Lieutenant Captain Sergeant Prosecutor Presidente Ministre "
        + "North South East West Northern Southern Eastern Western Central Greater Super Sahara Caliphate Coalition "
        + "The A An In On At Among For With By From After Before During Since And But Or If When While").Split(' '),
        StringComparer.Ordinal);

    /// <summary>Words before a name that make the person an official or a commentator, not a victim.</summary>
    public static readonly HashSet<string> OfficialTitles = new(
        ("minister president prime inspector chief spokesman spokeswoman spokesperson prosecutor mayor senator secretary "
        + "detective superintendent general commissioner governor judge leader director").Split(' '),
        StringComparer.Ordinal);

    public static IEnumerable<NameSpan> In(string text, int start, int end, IReadOnlyCollection<string> known)
    {
        var slice = text[start..end];
        var spans = new List<NameSpan>();
        foreach (Match m in Run().Matches(slice))
        {
            var words = m.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
            var skip = 0;
            while (skip < words.Count && Titles.Contains(words[skip].TrimEnd('.')))
            {
                skip++;
            }

            var rest = words.Skip(skip).ToList();
            if (rest.Take(rest.Count - 1).Any(IsPossessive))
            {
                continue;
            }

            if (rest.Count > 0 && IsPossessive(rest[^1]))
            {
                rest[^1] = rest[^1][..^2];
            }

            if (rest.Count == 0 || rest.Any(NotPeople.Contains) || Lexicon.Months.ContainsKey(rest[0]) || Lexicon.Weekdays.ContainsKey(rest[0])
                || rest.Any(w => Lexicon.Demonyms.Contains(w.ToLowerInvariant())) || Exchange.GtdCodebook.CountryCode(string.Join(' ', rest)) is not null)
            {
                continue;
            }

            var from = start + m.Index + (skip == 0 ? 0 : m.Value.IndexOf(rest[0], StringComparison.Ordinal));
            var name = string.Join(' ', rest);
            var to = from + m.Value[(from - start - m.Index)..].IndexOf(rest[^1], StringComparison.Ordinal) + rest[^1].Length;
            if (rest.Count == 1 && !known.Contains(name) && !HasAside(text, to, end))
            {
                continue;
            }

            var before = text[Math.Max(0, from - 40)..from].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).TakeLast(3);
            spans.Add(new NameSpan(from, to, name) { Official = before.Any(w => OfficialTitles.Contains(w.ToLowerInvariant())) });
        }

        return spans;
    }

    /// <summary>The full name a surname stands for, when the article gave it before.</summary>
    public static string Full(string name, IEnumerable<string> known) =>
        name.Contains(' ', StringComparison.Ordinal) ? name : known.FirstOrDefault(k => k.EndsWith(" " + name, StringComparison.Ordinal)) ?? name;

    public static bool IsPossessive(string word) => word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal);

    public static string Surname(string name) => name[(name.LastIndexOf(' ') + 1)..];

    /// <summary>", the 26-year-old …" or ", a cashier": an aside that introduces a single name as a person.</summary>
    private static bool HasAside(string text, int at, int end) => Aside().IsMatch(text[at..end]);

    [GeneratedRegex(@"(?<![\p{L}\p{M}'’-])\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|du|dos|del)\s+)?\p{Lu}[\p{Ll}\p{M}'’-]+){0,3}")]
    private static partial Regex Run();

    [GeneratedRegex(@"^,\s+(?:the|a|an)\s+(?:\d{1,2}-year-old|(?:young\s+|retired\s+|former\s+)?(?:cashier|butcher|teacher|student|nurse|doctor|officer|gendarme|policeman|policewoman|soldier|guard|worker|employee|customer|priest|imam|rabbi|journalist|driver|passenger|mason|clerk|owner|manager|lawyer|shopkeeper|waiter|waitress|pensioner))\b")]
    private static partial Regex Aside();
}
