using System.Text.RegularExpressions;
using AttackTracker.Domain.Exchange;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// The places of the attack, as written: "the town of Carcassonne", "in Trèbes", "Pakistan's
/// Balochistan province", "the Somali capital, Mogadishu", "Knife attack at Lisle railway station".
/// Read in the headline and the lead's sentences about the attack, where reports say where it was;
/// countries are resolved to their ISO code.
/// </summary>
internal static partial class PlaceReader
{
    private const int LeadSentences = 8;

    private static readonly Dictionary<string, string> CountryAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Democratic Republic of Congo"] = "CD",
        ["Democratic Republic of the Congo"] = "CD",
        ["DR Congo"] = "CD",
        ["DRC"] = "CD",
        ["Republic of Congo"] = "CG",
        ["Ivory Coast"] = "CI",
        ["Britain"] = "GB",
        ["Great Britain"] = "GB",
        ["UK"] = "GB",
        ["England"] = "GB",
        ["Scotland"] = "GB",
        ["Wales"] = "GB",
        ["US"] = "US",
        ["USA"] = "US",
        ["America"] = "US",
        ["Russia"] = "RU",
        ["Syria"] = "SY",
        ["Iran"] = "IR",
        ["Turkey"] = "TR",
        ["Türkiye"] = "TR",
        ["Palestine"] = "PS",
        ["Burma"] = "MM",
        ["Czechia"] = "CZ",
        ["Holland"] = "NL",
    };

    private static readonly HashSet<string> NotPlaces = new(
        ("The A An In On At He She It They We His Her Its Their This That These Those Police Prosecutors Officials Friday "
        + "Saturday Sunday Monday Tuesday Wednesday Thursday God Allah Europe European Western Islamic State Amaq Twitter Telegram "
        + "Christmas Easter Ramadan Bastille Super Le La Les El Los Al Wire Reuters AP AFP Red Cross Hospital").Split(' '),
        StringComparer.Ordinal);

    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames, IReadOnlyCollection<string> people)
    {
        var found = new List<(Suggestion Suggestion, bool Title)>();
        var body = article.Sentences.Where(s => !s.IsHeadline).Take(LeadSentences).ToHashSet();
        foreach (var sentence in article.Sentences.Where(s => s.IsHeadline || (body.Contains(s) && s.Tokens.Any(t => Lexicon.AttackWords.Contains(t.Bare)))))
        {
            var text = article.Slice(sentence.BodyStart, sentence.End);
            var title = sentence.IsHeadline || ".!?”\"".IndexOf(text[^1]) < 0;
            foreach (var (pattern, confidence) in new[] { (Named(), 0.8), (Level(), 0.75), (Capital(), 0.8), (Possessive(), 0.6), (Preposition(), 0.6), (Headline(), 0.55) })
            {
                foreach (Match m in pattern.Matches(text))
                {
                    var name = m.Groups["name"];
                    // "the Islamic State in the Greater Sahara": a place inside a group's name is not where the attack was.
                    if (GroupAliases.Find(text).Any(g => g.Index <= name.Index && name.Index < g.Index + g.Length))
                    {
                        continue;
                    }

                    if ((pattern == Headline() && !title) || (pattern == Preposition() && !NearEvent(sentence, sentence.BodyStart + name.Index))
                        || NotWhere().IsMatch(text[..m.Index]) || Landmark().IsMatch(text[(name.Index + name.Length)..])
                        || Clean(name.Value, people) is not { } place)
                    {
                        continue;
                    }

                    // "Compagnies Républicaines de Sécurité": "de" inside a name is not a preposition.
                    if (m.Value.StartsWith("de ", StringComparison.Ordinal) && m.Index > 1 && char.IsUpper(LastWord(text[..m.Index])))
                    {
                        continue;
                    }

                    var start = sentence.BodyStart + name.Index + name.Value.IndexOf(place, StringComparison.Ordinal);
                    var level = m.Groups["level"].Success ? m.Groups["level"].Value.ToLowerInvariant() : Street().IsMatch(place) ? "street" : null;
                    var country = CountryAliases.GetValueOrDefault(place) ?? GtdCodebook.CountryCode(place);
                    var value = new SuggestedPlace(place, country, country is null ? level : "country");
                    // The passage is the phrase that places it ("in the town of Carcassonne"), which reads as a quote.
                    var from = Math.Min(start, sentence.BodyStart + m.Index);
                    found.Add((new Suggestion(SuggestionKind.Place, value, Passage.Of(article.Text, from, Math.Max(start + place.Length, sentence.BodyStart + m.Index + m.Length)), confidence, frames.At(start)), title));

                    // "in Carcassonne and Trèbes": the second place of the pair.
                    var and = AndPlace().Match(text[(name.Index + name.Length)..]);
                    if (and.Success && Clean(and.Groups["name"].Value, people) is { } second && !Landmark().IsMatch(text[(name.Index + name.Length + and.Length)..]))
                    {
                        var at = sentence.BodyStart + name.Index + name.Length + and.Groups["name"].Index;
                        var code = CountryAliases.GetValueOrDefault(second) ?? GtdCodebook.CountryCode(second);
                        found.Add((new Suggestion(SuggestionKind.Place, new SuggestedPlace(second, code, code is null ? level : "country"), Passage.Of(article.Text, from, at + second.Length), confidence - 0.05, frames.At(at)), title));
                    }
                }
            }
        }

        // One suggestion per place, quoted from the first sentence of the body that names it.
        return found
            .Where(f => f.Suggestion.Attack == AttackReference.This)
            .GroupBy(f => Sources.SourceNames.Normalize(((SuggestedPlace)f.Suggestion.Value).Name))
            .Select(g => g.OrderBy(f => f.Title).ThenBy(f => f.Suggestion.Passage.Start).First().Suggestion with
            {
                Confidence = Math.Min(0.95, g.Max(f => f.Suggestion.Confidence) + (0.05 * (g.Select(f => f.Suggestion.Passage.Start).Distinct().Count() - 1))),
            });
    }

    /// <summary>A place is the attack's when a word of the event is within ten words of it.</summary>
    private static bool NearEvent(Sentence sentence, int at)
    {
        var words = sentence.Body.Where(t => t.IsWord).ToList();
        var i = words.FindIndex(t => t.Start >= at);
        return i >= 0 && words.Where((t, k) => Math.Abs(k - i) <= 10).Any(t => Lexicon.EventWords.Contains(t.Bare) || Lexicon.AttackWords.Contains(t.Bare));
    }

    /// <summary>The place without a leading direction ("South of France" is France) and never a person, a day or a body.</summary>
    private static string? Clean(string name, IReadOnlyCollection<string> people)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Take(words.Count - 1).Any(Names.IsPossessive))
        {
            return null;
        }

        if (words.Count > 0 && Names.IsPossessive(words[^1]))
        {
            words[^1] = words[^1][..^2];
        }

        if (words.Count > 2 && words[0] is "North" or "South" or "East" or "West" && words[1] == "of")
        {
            words = words.Skip(2).ToList();
        }

        var place = string.Join(' ', words);
        var first = words.FirstOrDefault();
        return first is null || NotPlaces.Contains(first) || Lexicon.Months.ContainsKey(first) || Lexicon.Weekdays.ContainsKey(first)
            || Lexicon.Demonyms.Contains(first.ToLowerInvariant()) || Lexicon.AttackWords.Contains(first.ToLowerInvariant())
            || Lexicon.PerpetratorNouns.Contains(first.ToLowerInvariant()) || people.Contains(place) || GroupAliases.Find(place).Any()
            ? null
            : place;
    }

    private static char LastWord(string text)
    {
        var trimmed = text.TrimEnd();
        var space = trimmed.LastIndexOf(' ');
        return trimmed.Length == 0 ? ' ' : trimmed[space + 1];
    }


    private const string Place = @"(?<name>\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]+|of\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’-]+)){0,3})";
    private const string Direction = @"(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern|northeast|northwest|southeast|southwest)\s+)";

    [GeneratedRegex(@"\b(?<level>town|city|village|capital|province|region|department|state|suburb|district|county|commune|municipality)\s+of\s+(?:the\s+)?" + Place)]
    private static partial Regex Named();

    [GeneratedRegex(Place + @"\s+(?<level>province|region|department|state|county|district)\b")]
    private static partial Regex Level();

    [GeneratedRegex(@"\bcapital,\s+" + Place)]
    private static partial Regex Capital();

    [GeneratedRegex(Place + @"(?=['’]s\s+(?:\p{Ll}|\p{Lu}[\p{L}-]+\s+(?:province|region|state)))")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\b(?:in|at|near|outside|into|on|à|dans|en|de)\s+(?:the\s+)?" + Direction + "?" + Place)]
    private static partial Regex Preposition();

    [GeneratedRegex(Place + @"\s+(?:\w+\s+)?(?:attack|shooting|bombing|stabbing|market|railway|station|festival|café|hotel|checkpoint|bridge|factory|post\s+office)\b")]
    private static partial Regex Headline();

    /// <summary>Where the wounded were treated, the perpetrator was born or lived is not where the attack was.</summary>
    [GeneratedRegex(@"\b(?:hospitals?|born|lived|lives|living|studied|from)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NotWhere();

    /// <summary>A name that qualifies a landmark ("the Aigles de la cité car park") is not a town.</summary>
    [GeneratedRegex(@"^\s+(?:de\s+la|de\s+l['’]|du|des)\s+\p{Ll}|^\s+(?:car\s+park|store|supermarket|mall|shopping\s+centre|stadium|arena|theatre|theater|hall|barracks|bridge|airport|hotel|church|mosque|synagogue|school|university|branch|club|restaurant|café|bar)\b")]
    private static partial Regex Landmark();

    [GeneratedRegex(@"^\s+(?:and|et|y)\s+" + Place)]
    private static partial Regex AndPlace();

    [GeneratedRegex(@"\b(?:Street|Road|Avenue|Square|Boulevard|Lane)$")]
    private static partial Regex Street();
}
