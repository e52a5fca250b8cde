using static AttackTracker.Domain.Desk.CasualtyPhrases;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// Reads counts of killed and wounded around numbers: "Four people died", "killing at least 14",
/// "16 were wounded", "three of them", "two of the injured died", "Three police officers were among
/// the wounded", "4 morts et 15 blessés". A number that is an age, a date, a time or a measure is
/// not a count; a number with no casualty word in reach is left alone.
/// </summary>
internal static partial class FigureReader
{
    private static readonly HashSet<string> AdditiveWords = new(["more", "other", "others", "additional", "further", "autres", "más", "otros", "otras"], StringComparer.Ordinal);
    private static readonly HashSet<string> ConditionWords = new(["critical", "serious", "condition", "intensive", "life-threatening", "stable", "grave", "état"], StringComparer.Ordinal);

    /// <summary>The figures of a sentence; <paramref name="previous"/> is the kind of the last figure of the sentence before.</summary>
    public static IEnumerable<Figure> Read(Sentence sentence, SuggestionKind? previous = null)
    {
        var tokens = sentence.Body.ToList();
        SuggestionKind? last = null;
        Figure? lastFigure = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Numbers.Read(tokens, i) is not { } number || IsMeasure(tokens, number))
            {
                continue;
            }

            var figure = Subset(tokens, number, sentence, last, previous) ?? Forward(tokens, number, sentence) ?? Backward(tokens, number, sentence, last)
                ?? Listed(tokens, number, sentence, lastFigure);
            if (figure is not null)
            {
                last = figure.Kind;
                lastFigure = figure;
                yield return figure;
                var next = tokens.FindIndex(t => t.Start >= figure.End);
                if (next < 0)
                {
                    yield break;
                }

                i = Math.Max(i, next - 1);
            }
        }
    }

    /// <summary>An age, a date, a time, a year, a footnote or a measure.</summary>
    private static bool IsMeasure(List<Token> tokens, NumberPhrase number)
    {
        var next = number.End < tokens.Count ? tokens[number.End] : null;
        var previous = number.NumberStart > 0 ? tokens[number.NumberStart - 1] : null;
        var first = tokens[number.NumberStart];
        if (next is not null && (Lexicon.Units.Contains(next.Bare) || next.Text is "%" or "]" || Lexicon.Months.ContainsKey(next.Text)))
        {
            return true;
        }

        if (previous is not null && (previous.Bare is "aged" or "age" or "ages" or "no" or "number" or "page" or "[" || (previous.Bare == "the" && first.Bare == "one") || Lexicon.Months.ContainsKey(previous.Text.TrimEnd('.'))))
        {
            return true;
        }

        if (tokens.Skip(Math.Max(0, number.NumberStart - 3)).Take(Math.Min(3, number.NumberStart)).Any(t => t.Bare == "aged"))
        {
            return true;
        }

        if (first.IsDigits && number.Value is >= 1800 and <= 2100 && !first.Text.Contains(',', StringComparison.Ordinal))
        {
            return true;
        }

        // "Redouane Lakdim, 25, carried out": an age after a name.
        return previous?.Text == "," && number.NumberStart >= 2 && tokens[number.NumberStart - 2].IsCapitalized
            && first.IsDigits && (next is null || next.Text is "," or "." or ")" or ";");
    }

    /// <summary>"three of them", "one of them critically", "two of the injured died", "nine of the wounded were in critical condition".</summary>
    private static Figure? Subset(List<Token> tokens, NumberPhrase number, Sentence sentence, SuggestionKind? last, SuggestionKind? previous)
    {
        var k = number.End;
        if (k + 1 >= tokens.Count || tokens[k].Bare != "of")
        {
            return null;
        }

        if (tokens[k + 1].Bare is "them" or "whom" or "those")
        {
            var head = Head(tokens, SkipAuxiliaries(tokens, k + 2));
            // Without a casualty word, "of them" counts a part of the count before it, here or, for a
            // state of health ("Eleven of them were in intensive care"), in the sentence before.
            var kind = head?.Kind ?? last ?? (tokens.Skip(k + 2).Any(t => ConditionWords.Contains(t.Bare)) ? previous : null);
            // "as many as 30 attackers took part and four of them were killed": them are the attackers.
            var scope = Antecedent(tokens, number) is { } antecedent && Lexicon.PerpetratorNouns.Contains(antecedent) ? FigureScope.Perpetrators : FigureScope.Part;
            return kind is { } found ? Make(found, number, scope, tokens[number.Start].Start, head?.End ?? tokens[k + 1].End, sentence, 0.75) : null;
        }

        if (k + 2 >= tokens.Count || tokens[k + 1].Bare != "the" || Category(tokens[k + 2].Bare) is not { } subset)
        {
            return null;
        }

        var after = SkipAuxiliaries(tokens, k + 3);
        if (after < tokens.Count && Lexicon.KilledWords.Contains(tokens[after].Bare))
        {
            return Make(SuggestionKind.Killed, number, FigureScope.Part, tokens[number.Start].Start, tokens[after].End, sentence, 0.8);
        }

        var condition = tokens.Skip(k + 3).FirstOrDefault(t => ConditionWords.Contains(t.Bare) || Lexicon.Severity.Contains(t.Bare));
        return condition is not null
            ? Make(subset, number, FigureScope.Part, tokens[number.Start].Start, condition.End, sentence, 0.7)
            : null;
    }

    /// <summary>The noun after the count before this one in the sentence: what "of them" counts.</summary>
    private static string? Antecedent(List<Token> tokens, NumberPhrase number)
    {
        for (var i = number.Start - 1; i >= 0; i--)
        {
            if (Numbers.Read(tokens, i) is { } before && before.End < number.Start && before.End < tokens.Count)
            {
                return tokens[before.End].Bare;
            }
        }

        return null;
    }

    /// <summary>"Four people died", "16 were wounded", "two young women were stabbed to death", "Three police officers were among the wounded".</summary>
    private static Figure? Forward(List<Token> tokens, NumberPhrase number, Sentence sentence)
    {
        var k = number.End;
        var perpetrators = false;
        var additive = IsAddedTo(tokens, number);
        for (var taken = 0; k < tokens.Count && taken < 5 && IsNounWord(tokens[k], number, taken); k++, taken++)
        {
            perpetrators |= Lexicon.PerpetratorNouns.Contains(tokens[k].Bare);
            additive |= AdditiveWords.Contains(tokens[k].Bare);
        }

        // "two of its own", "three of their colleagues"
        if (k + 2 < tokens.Count && tokens[k].Bare == "of" && tokens[k + 1].Bare is "its" or "their" or "our" or "his" or "her")
        {
            k += 3;
        }

        k = SkipPhrase(tokens, SkipRelative(tokens, SkipAside(tokens, k)));
        // "two of its own, killed on Friday"
        if (k + 1 < tokens.Count && tokens[k].Text == "," && Head(tokens, k + 1) is not null)
        {
            k++;
        }

        k = SkipAuxiliaries(tokens, k);
        if (k + 2 < tokens.Count && tokens[k].Bare == "among" && tokens[k + 1].Bare == "the" && Category(tokens[k + 2].Bare) is { } among)
        {
            return Make(among, number, FigureScope.Part, tokens[number.Start].Start, tokens[k + 2].End, sentence, 0.8);
        }

        if (Head(tokens, k) is not { } head)
        {
            return null;
        }

        var scope = perpetrators ? FigureScope.Perpetrators : FigureScope.Victims;
        return Make(head.Kind, number, scope, tokens[number.Start].Start, head.End, sentence, 0.9) with { Additive = additive };
    }

    private static bool IsAddedTo(List<Token> tokens, NumberPhrase number) =>
        number.Start > 0 && tokens[number.Start - 1].Bare is "another" or "further" or "additional";

    private static bool IsNounWord(Token token, NumberPhrase number, int taken) =>
        token.IsWord
        && !Lexicon.Breaks.Contains(token.Bare)
        && !Lexicon.Auxiliaries.Contains(token.Bare)
        && !Lexicon.KilledWords.Contains(token.Bare)
        && !Lexicon.WoundedWords.Contains(token.Bare)
        && !ToDeathVerbs.Contains(token.Bare)
        && (token.Bare != "of" || (number.Vague && taken == 0));

    private static Figure Make(SuggestionKind kind, NumberPhrase number, FigureScope scope, int start, int end, Sentence sentence, double confidence) =>
        new(kind, number.Value, number.Max, number.Qualifier, scope, Math.Min(start, end), Math.Max(start, end), sentence, number.Vague ? confidence - 0.25 : confidence);
}
