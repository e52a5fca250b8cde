using static AttackTracker.Domain.Desk.CasualtyPhrases;

namespace AttackTracker.Domain.Desk;

/// <summary>Counts written after their verb: "killing at least 14", "shot dead 11 men", "bringing the death toll to four".</summary>
internal static partial class FigureReader
{
    private static readonly HashSet<string> TollVerbs = new(["to", "at", "of", "is", "was", "stands", "stood", "reached", "hit", "à"], StringComparer.Ordinal);
    private static readonly HashSet<string> RiseVerbs = new(["risen", "rose", "rises", "climbed", "increased", "jumped", "grown"], StringComparer.Ordinal);

    /// <summary>"killing at least 14 people", "wounding one of them", "shot dead 11 men", "bringing the death toll to four", "Parmi les blessés, 3".</summary>
    private static Figure? Backward(List<Token> tokens, NumberPhrase number, Sentence sentence, SuggestionKind? last)
    {
        var j = number.Start - 1;
        while (j >= 0 && Lexicon.Severity.Contains(tokens[j].Bare))
        {
            j--;
        }

        if (j < 0)
        {
            return null;
        }

        var (kind, start) = VerbBefore(tokens, j, number);
        if (kind is null && j >= 2 && tokens[j].Text == "," && Category(tokens[j - 1].Bare) is { } among
            && tokens[j - 3 >= 0 ? j - 3 : 0].Bare is "among" or "parmi" or "entre")
        {
            return Make(among, number, FigureScope.Part, tokens[j - 3].Start, tokens[number.End - 1].End, sentence, 0.75);
        }

        // "the regional health agency gave a figure of 16"
        if (kind is null && tokens[j].Bare == "of" && j > 0 && tokens[j - 1].Bare is "figure" or "toll" or "count" or "tally" or "total" && last is { } counted)
        {
            return Make(counted, number, FigureScope.Victims, tokens[j - 1].Start, tokens[number.End - 1].End, sentence, 0.7);
        }

        if (kind is null && tokens[j].Bare is "including" or "dont" or "incluidos" && last is { } included)
        {
            return Make(included, number, FigureScope.Part, tokens[j].Start, tokens[number.End - 1].End, sentence, 0.7);
        }

        if (kind is null && tokens[j].Text == "," && number.End < tokens.Count && Lexicon.Severity.Contains(tokens[number.End].Bare) && last is { } severe)
        {
            return Make(severe, number, FigureScope.Part, tokens[number.Start].Start, tokens[number.End].End, sentence, 0.7);
        }

        if (kind is not { } found)
        {
            return null;
        }

        var k = number.End;
        var perpetrators = false;
        var additive = IsAddedTo(tokens, number);
        for (var taken = 0; k < tokens.Count && taken < 4 && IsNounWord(tokens[k], number, taken); k++, taken++)
        {
            perpetrators |= Lexicon.PerpetratorNouns.Contains(tokens[k].Bare);
            additive |= AdditiveWords.Contains(tokens[k].Bare);
        }

        var end = tokens[k - 1].End;
        var scope = perpetrators ? FigureScope.Perpetrators : FigureScope.Victims;
        if (k + 1 < tokens.Count && tokens[k].Bare == "of" && tokens[k + 1].Bare is "them" or "whom")
        {
            (scope, end) = (FigureScope.Part, tokens[k + 1].End);
        }
        else if (k + 1 < tokens.Count && tokens[k].Bare == "and" && (tokens[k + 1].Bare is "a" or "an" or "one" || Numbers.Read(tokens, k + 1) is not null))
        {
            // "killed six police officers and a civilian", "killing eight soldiers and two civilians": each is part of a larger toll.
            scope = FigureScope.Part;
        }

        if (ToDeathVerbs.Contains(tokens[j].Bare))
        {
            if (k + 1 >= tokens.Count || tokens[k].Bare != "to" || tokens[k + 1].Bare != "death")
            {
                return null;
            }

            end = tokens[k + 1].End;
        }

        return Make(found, number, scope, start, end, sentence, 0.85) with { Additive = additive };
    }

    /// <summary>The second count of a list after one verb: "killing eight soldiers and two civilians".</summary>
    private static Figure? Listed(List<Token> tokens, NumberPhrase number, Sentence sentence, Figure? last)
    {
        var j = number.Start - 1;
        if (last is null || j < 1 || tokens[j].Bare != "and" || tokens[j - 1].End != last.End || last.Scope != FigureScope.Part)
        {
            return null;
        }

        var k = number.End;
        while (k < tokens.Count && k < number.End + 3 && IsNounWord(tokens[k], number, k - number.End) && !Lexicon.KillingVerbs.Contains(tokens[k].Bare))
        {
            k++;
        }

        return Make(last.Kind, number, FigureScope.Part, tokens[number.Start].Start, tokens[k - 1].End, sentence, 0.75);
    }

    private static (SuggestionKind? Kind, int Start) VerbBefore(List<Token> tokens, int j, NumberPhrase number)
    {
        var verb = tokens[j].Bare;
        if (Lexicon.KillingVerbs.Contains(verb) || verb is "tuant" or "matando")
        {
            return (SuggestionKind.Killed, tokens[j].Start);
        }

        if (Lexicon.WoundingVerbs.Contains(verb) || verb is "blessant" or "hiriendo")
        {
            return (SuggestionKind.Wounded, tokens[j].Start);
        }

        if (verb == "dead" && j > 0 && tokens[j - 1].Bare == "shot")
        {
            return (SuggestionKind.Killed, tokens[j - 1].Start);
        }

        if (ToDeathVerbs.Contains(verb))
        {
            return (SuggestionKind.Killed, tokens[j].Start);
        }

        var before = tokens.Take(j).Select(t => t.Bare).ToList();
        // "bringing the death toll to four", "bringing the number of dead to five"
        var recent = before.Skip(Math.Max(0, before.Count - 6)).ToList();
        if (TollVerbs.Contains(verb) && (recent.Contains("toll") || (recent.Contains("number") && recent.Any(w => w is "dead" or "killed" or "deaths"))))
        {
            var at = recent.Contains("toll") ? before.LastIndexOf("toll") : before.LastIndexOf("number");
            return (SuggestionKind.Killed, tokens[at].Start);
        }

        if (verb == "to" && j > 0 && RiseVerbs.Contains(tokens[j - 1].Bare) && before.Any(w => w is "killed" or "dead" or "deaths" or "died"))
        {
            return (SuggestionKind.Killed, tokens[j - 1].Start);
        }

        return (null, number.Start);
    }
}
