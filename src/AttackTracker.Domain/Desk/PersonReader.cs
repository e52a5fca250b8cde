using System.Text.RegularExpressions;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// People named with what happened to them: "Among the dead was …", "The dead include …", "killed,
/// including gendarme …", "he killed an employee, butcher …", "X, 50, the store's head butcher,
/// was shot dead", "X … remains in a serious but stable condition", "X, a cashier who was held
/// hostage". Perpetrators and officials are not suggested as people.
/// </summary>
internal static partial class PersonReader
{
    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames, IReadOnlyCollection<string> perpetrators)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Suggestion>();
        foreach (var sentence in article.Sentences)
        {
            var text = article.Slice(sentence.BodyStart, sentence.End);
            var names = Names.In(article.Text, sentence.BodyStart, sentence.End, known).ToList();
            foreach (var name in names.Where(n => n.Name.Contains(' ', StringComparison.Ordinal)))
            {
                known.Add(name.Name);
                known.Add(Names.Surname(name.Name));
            }

            var lead = ListOpener().Match(text) is { Success: true } opener ? opener : ObjectOpener().Match(text);
            foreach (var name in names)
            {
                var full = Names.Full(name.Name, known);
                if (name.Official || perpetrators.Contains(full) || perpetrators.Contains(name.Name))
                {
                    continue;
                }

                var after = Predicate().Match(article.Slice(name.End, sentence.End));
                var within = WhoWas().Match(article.Slice(name.End, sentence.End));
                PersonStatus? status = after.Success ? StatusOf(after.Groups["s"].Value)
                    : within.Success ? StatusOf(within.Groups["s"].Value)
                    : lead.Success && sentence.BodyStart + lead.Index + lead.Length <= name.Start ? StatusOf(lead.Groups["s"].Value)
                    : null;
                if (status is not { } personStatus)
                {
                    continue;
                }

                var (start, end) = after.Success
                    ? (name.Start, name.End + after.Index + after.Length)
                    : within.Success
                        ? (name.Start, name.End + within.Index + within.Length)
                        : (sentence.BodyStart + lead.Index, name.End);
                var role = Role(article, name);
                var confidence = lead.Success && lead.Groups["s"].Value.StartsWith("victim", StringComparison.OrdinalIgnoreCase) ? 0.55 : 0.75;
                found.Add(new Suggestion(SuggestionKind.Person, new SuggestedPerson(full, personStatus, role), Passage.Of(article.Text, start, end), confidence, frames.At(name.Start)));
            }
        }

        return found
            .GroupBy(s => (((SuggestedPerson)s.Value).Name, ((SuggestedPerson)s.Value).Status, s.Attack))
            .Select(g => g.First() with { Confidence = Math.Min(0.95, g.First().Confidence + (0.05 * (g.Count() - 1))) });
    }

    private static PersonStatus StatusOf(string word)
    {
        var w = word.ToLowerInvariant();
        var hit = (w.StartsWith("shot ", StringComparison.Ordinal) && !w.Contains("dead", StringComparison.Ordinal))
            || w.StartsWith("hit ", StringComparison.Ordinal) || w.StartsWith("stabbed ", StringComparison.Ordinal);
        return w.Contains("hostage", StringComparison.Ordinal) ? PersonStatus.Hostage
            : hit ? PersonStatus.Wounded
            : w.Contains("wound", StringComparison.Ordinal) || w.Contains("injur", StringComparison.Ordinal) || w is "hurt" or "survived"
                || w.Contains("condition", StringComparison.Ordinal) || w.Contains("coma", StringComparison.Ordinal) ? PersonStatus.Wounded
            : PersonStatus.Killed;
    }

    /// <summary>The role as written: the words before the name ("gendarmerie officer", "a lawyer,") or the aside after it (", 61, a retired teacher").</summary>
    private static string? Role(Article article, NameSpan name)
    {
        var sentence = article.SentenceAt(name.Start);
        var after = RoleAfter().Match(article.Slice(name.End, sentence.End));
        if (after.Success)
        {
            return after.Groups["role"].Value.Trim();
        }

        var before = RoleBefore().Match(article.Slice(sentence.BodyStart, name.Start));
        return before.Success ? before.Groups["role"].Value.Trim() : null;
    }

    /// <summary>"Among the dead was", "One of the dead was", "The dead include", "killed, including", "The victims included".</summary>
    [GeneratedRegex(@"\b(?:(?:Among|among|One\s+of|one\s+of|Another\s+of)\s+(?:the\s+|those\s+)?(?:\w+\s+){0,2}?(?<s>dead|killed|victims|injured|wounded|hurt|hostages)\b|\bThe\s+(?<s>dead|victims|injured|wounded)\s+include[sd]?\b|\b(?<s>killed|died|wounded|injured)\s*,\s*including\b)")]
    private static partial Regex ListOpener();

    /// <summary>"he killed an employee, butcher Christian Medvès": the people after the verb.</summary>
    [GeneratedRegex(@"(?<!\b(?:were|was|been|are|is)\s)\b(?<s>killed|shot\s+dead|murdered|wounded|injured)\s+(?:an?\s+[\w-]+,\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?=\p{Lu})")]
    private static partial Regex ObjectOpener();

    /// <summary>What follows the name: its asides, then "was shot dead", "died", "survived", "remains in a serious but stable condition", "in an induced coma".</summary>
    [GeneratedRegex(@"^(?:,\s*\d{1,3})?(?:,[^,]{1,120},)?[\s,]+(?:[^,.;]{0,40}?\s)??(?:has\s+|had\s+|have\s+|was\s+|is\s+|were\s+)?(?:\w+\s+)?(?<s>died|killed|shot\s+dead|murdered|wounded|injured|held\s+hostage|taken\s+hostage|survived|remains?\s+in\s+(?:a\s+)?(?:\w+\s+){0,3}condition|in\s+(?:a|an)\s+(?:induced\s+)?coma|(?:shot|hit|stabbed)\s+(?:in\s+the\s+\w+|twice|\w+\s+times)|suffered\s+(?:\w+\s+)?(?:wounds|injuries))\b")]
    private static partial Regex Predicate();

    /// <summary>", a cashier who was held hostage": the status inside the aside.</summary>
    [GeneratedRegex(@"^,\s*(?:a|an|the)\s+[\w' -]{1,40}?\s+who\s+(?:was|had\s+been|is|has\s+been)\s+(?<s>held\s+hostage|taken\s+hostage|killed|wounded|injured|shot\s+dead)\b")]
    private static partial Regex WhoWas();

    [GeneratedRegex(@"^(?:,\s*\d{1,3})?,\s*(?:a|an|the)\s+(?<role>(?:[\p{Ll}'’-]+\s+){0,3}?[\p{Ll}'’-]+?)(?=\s+who\b|,|\.|;|$)")]
    private static partial Regex RoleAfter();

    [GeneratedRegex(@"(?:\b(?:a|an|the|her|his|their)\s+)?(?<![\p{L}'’-])(?<role>(?:(?!(?:was|were|is|are|and|of|include[sd]?|among|killed|dead|has|had|by|including|with|a|an|the|her|his)\b)[\p{Ll}'’-]+\s+){0,2}(?!(?:was|were|is|are|and|of|include[sd]?|among|killed|dead|has|had|by|including|with)\b)[\p{Ll}'’-]+),?\s+(?:Father\s+|Mr\.?\s+|Mrs\.?\s+|Dr\.?\s+)?$")]
    private static partial Regex RoleBefore();
}
