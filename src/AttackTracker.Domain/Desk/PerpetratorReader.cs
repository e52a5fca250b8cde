using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// The perpetrator's name, age and nationality as written. A name counts as the perpetrator's only
/// where the words say so: "identified the assailant as X", "the suspect, X,", "the perpetrator …
/// named X", "X, 25, carried out the attack". Ages and nationalities are read in the asides around
/// such a name or around "the hostage-taker, a 52-year-old Austrian man".
/// </summary>
internal static partial class PerpetratorReader
{
    private const string Role = "attacker|assailant|gunman|perpetrator|suspect|bomber|terrorist|shooter|driver|hostage-taker|stabber";
    private const string Name = @"(?<name>" + Names.Pattern + ")";

    private static readonly string Demonym = "(?:" + string.Join('|', Lexicon.Demonyms.Select(d => char.ToUpperInvariant(d[0]) + d[1..])) + ")";

    private static readonly Regex[] NamePatterns =
    [
        new($@"\b(?:identified|named)\s+(?:(?:the\s+)?(?:\w+\s+){{0,2}}?(?:{Role}|man|woman|him|her)\s+|by\s+(?:\w+\s+){{1,2}}?)?as\s+{Name}"),
        new($@"\b(?:the|The)\s+(?:{Role}),\s+{Name}\s*,"),
        new($@"\b(?:{Role})\b[^.;]{{0,80}}?\bnamed\s+{Name}"),
        new($@"\b(?:{Role})\s+{Name}"),
        new($@"\bcarried\s+out\s+by\s+{Name}"),
        new($@"(?:^|[.;]\s+|\b{Demonym}-born\s+){Name}(?:,\s*(?:\d{{1,2}}|(?:a|an|the)\s+[^,]{{1,60}})){{0,2}},?\s+(?:first\s+|then\s+|later\s+|allegedly\s+)?(?:carried\s+out|opened\s+fire|detonated|blew|attacked|drove|rammed|stormed|armed\s+himself|armed\s+herself|is\s+accused|was\s+charged|has\s+been\s+charged|denies|first\s+shot)\b"),
    ];

    private static readonly Regex Nationality = new($@"(?:\b(?:a|an)\s+(?:\d{{1,2}}-year-old\s+)?(?<nat>{Demonym}(?:-born)?(?:\s+(?:{Demonym}|Frenchman|Frenchwoman|Englishman|Englishwoman|Dutchman))?)\b|\b(?<nat>{Demonym}-born)(?=\s+\p{{Lu}}))");

    private static readonly Regex Unnamed = new(
        $@"\b(?:the|The)\s+(?:(?:arrested|accused|detained|suspected)\s+(?:man|woman)|stabbing\s+terrorist|{Role})\s*,\s*(?:a|an)\s+(?<age>\d{{1,2}})-year-old\b");

    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames, out IReadOnlyCollection<string> thisAttacksNames)
    {
        var suggestions = new List<Suggestion>();
        var names = new List<string>();
        var mentions = new List<(int Start, int End, string Name)>();
        foreach (var sentence in article.Sentences)
        {
            var text = article.Slice(sentence.BodyStart, sentence.End);
            foreach (var pattern in NamePatterns)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    var group = m.Groups["name"];
                    var name = Trimmed(group.Value);
                    if (!name.Contains(' ', StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var start = sentence.BodyStart + group.Index + group.Value.IndexOf(name, StringComparison.Ordinal);
                    if (!mentions.Any(x => x.Start == start))
                    {
                        mentions.Add((start, start + name.Length, name));
                    }
                }
            }
        }

        foreach (var (start, end, name) in mentions.OrderBy(m => m.Start))
        {
            var attack = frames.At(start);
            if (attack == AttackReference.This && !names.Contains(name))
            {
                names.Add(name);
            }

            suggestions.Add(Make(article, SuggestionKind.PerpetratorName, new SuggestedPerpetrator(name, null, null), start, end, 0.8, attack));
            suggestions.AddRange(Details(article, frames, name, start, end));
        }

        // Later mentions by surname ("Lakdim, a 25-year-old petty criminal …") carry details too.
        var surnames = names.Select(Names.Surname).Distinct().ToList();
        foreach (var sentence in article.Sentences)
        {
            foreach (var surname in surnames)
            {
                foreach (Match m in Regex.Matches(article.Slice(sentence.BodyStart, sentence.End), $@"\b{Regex.Escape(surname)}\b(?=,)"))
                {
                    var start = sentence.BodyStart + m.Index;
                    if (!mentions.Any(x => x.Start <= start && start < x.End))
                    {
                        suggestions.AddRange(Details(article, frames, Names.Full(surname, names), start, start + m.Length));
                    }
                }
            }

            foreach (Match m in Unnamed.Matches(article.Slice(sentence.BodyStart, sentence.End)))
            {
                var start = sentence.BodyStart + m.Index;
                suggestions.AddRange(Details(article, frames, null, start, start + m.Length));
            }
        }

        thisAttacksNames = [.. names, .. surnames];
        return Distinct(suggestions);
    }

    /// <summary>The age and nationality in the aside after a name (", 25,", ", a 25-year-old Moroccan Frenchman,") or in the clause just before it.</summary>
    private static IEnumerable<Suggestion> Details(Article article, Frames frames, string? name, int start, int end)
    {
        var sentence = article.SentenceAt(start);
        var from = Math.Max(sentence.BodyStart, start - 70);
        var to = Math.Min(sentence.End, end + 70);
        var window = article.Slice(from, to);
        var attack = frames.At(start);
        var age = AgeAfterName().Match(article.Slice(end, to));
        if (age.Success && name is not null)
        {
            var at = end + age.Groups["age"].Index;
            yield return Make(article, SuggestionKind.PerpetratorAge, new SuggestedPerpetrator(name, Number(age), null), at, at + age.Groups["age"].Length, 0.8, attack);
        }
        else if (YearOld().Matches(window).MinBy(m => Math.Abs(from + m.Index - start)) is { } old)
        {
            var at = from + old.Index;
            yield return Make(article, SuggestionKind.PerpetratorAge, new SuggestedPerpetrator(name, Number(old), null), at, at + old.Length, 0.75, attack);
        }

        if (Nationality.Matches(window).MinBy(m => Math.Abs(from + m.Index - start)) is { } nationality)
        {
            var group = nationality.Groups["nat"];
            var at = from + group.Index;
            yield return Make(article, SuggestionKind.PerpetratorNationality, new SuggestedPerpetrator(name, null, group.Value), at, at + group.Length, 0.7, attack);
        }
    }

    private static int Number(Match m) => int.Parse(m.Groups["age"].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name run may swallow a capitalized word after it ("Redouane Lakdim Friday"); names end before such words.</summary>
    private static string Trimmed(string name) =>
        string.Join(' ', name.Split(' ')
            .SkipWhile(w => w.EndsWith("-born", StringComparison.Ordinal) || Lexicon.Demonyms.Contains(w.ToLowerInvariant()))
            .TakeWhile(w => !Lexicon.Weekdays.ContainsKey(w) && !Lexicon.Months.ContainsKey(w)));

    private static Suggestion Make(Article article, SuggestionKind kind, SuggestedPerpetrator value, int start, int end, double confidence, AttackReference attack) =>
        new(kind, value, Passage.Of(article.Text, start, end), confidence, attack);

    /// <summary>One suggestion per value: the first passage, the name when one of the mentions gives it, more confidence when repeated.</summary>
    private static IEnumerable<Suggestion> Distinct(List<Suggestion> suggestions) =>
        suggestions
            .GroupBy(s => (s.Kind, s.Attack, Key(s)))
            .Select(g =>
            {
                var first = g.OrderBy(s => s.Passage.Start).First();
                var name = g.Select(s => ((SuggestedPerpetrator)s.Value).Name).FirstOrDefault(n => n is not null);
                return first with
                {
                    Value = (SuggestedPerpetrator)first.Value with { Name = name },
                    Confidence = Math.Min(0.95, first.Confidence + (0.05 * (g.Count() - 1))),
                };
            });

    private static string Key(Suggestion s) => s.Value is SuggestedPerpetrator p
        ? s.Kind switch
        {
            SuggestionKind.PerpetratorAge => $"{p.Age}",
            SuggestionKind.PerpetratorNationality => p.Nationality ?? string.Empty,
            _ => p.Name ?? string.Empty,
        }
        : string.Empty;

    [GeneratedRegex(@"^\s*,\s*(?<age>\d{1,2})\s*(?=[,.)]|\s+(?:of|from|who|was|is|has)\b)")]
    private static partial Regex AgeAfterName();

    [GeneratedRegex(@"\b(?<age>\d{1,2})-year-old\b")]
    private static partial Regex YearOld();
}
