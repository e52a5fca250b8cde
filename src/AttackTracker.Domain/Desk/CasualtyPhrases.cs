namespace AttackTracker.Domain.Desk;

/// <summary>
/// The words around a count that say it is a casualty figure: the casualty word itself ("killed",
/// "shot dead", "stabbed to death", "lost their lives") and the asides, phrases, relative clauses and
/// auxiliaries that may stand between the count's noun and that word.
/// </summary>
internal static class CasualtyPhrases
{
    public static readonly HashSet<string> ToDeathVerbs = new(["stabbed", "shot", "beaten", "hacked", "burned", "burnt", "stoned", "crushed"], StringComparer.Ordinal);

    /// <summary>Skips an aside between commas after the noun: "Two female passersby, aged 17 and 20, were stabbed".</summary>
    public static int SkipAside(List<Token> tokens, int k)
    {
        if (k >= tokens.Count || tokens[k].Text != ",")
        {
            return k;
        }

        for (var close = k + 1; close < Math.Min(tokens.Count, k + 9); close++)
        {
            if (tokens[close].Text == ",")
            {
                var aside = tokens.Skip(k + 1).Take(close - k - 1).ToList();
                return aside.Any(t => Lexicon.Auxiliaries.Contains(t.Bare) || Category(t.Bare) is not null) ? k : close + 1;
            }
        }

        return k;
    }

    /// <summary>
    /// Skips a phrase after the noun when the casualty word follows it, after an auxiliary: "Two more
    /// victims of last week's bomb attack on a tram in Ostrava have died".
    /// </summary>
    public static int SkipPhrase(List<Token> tokens, int k)
    {
        if (k >= tokens.Count || tokens[k].Bare is not ("of" or "in" or "on" or "at" or "from" or "near"))
        {
            return k;
        }

        for (var end = k + 1; end < Math.Min(tokens.Count, k + 14); end++)
        {
            if (!tokens[end].IsWord || Numbers.IsNumberWord(tokens[end].Bare))
            {
                break;
            }

            if (Lexicon.Auxiliaries.Contains(tokens[end].Bare) && tokens[end].Bare is "were" or "was" or "have" or "has" or "had" && Head(tokens, SkipAuxiliaries(tokens, end)) is not null)
            {
                return end;
            }
        }

        return k;
    }

    /// <summary>Skips a short relative clause when the casualty word follows it: "Two passengers who tried to flee were injured".</summary>
    public static int SkipRelative(List<Token> tokens, int k)
    {
        if (k >= tokens.Count || tokens[k].Bare is not ("who" or "that"))
        {
            return k;
        }

        for (var end = k + 2; end < Math.Min(tokens.Count, k + 9); end++)
        {
            if (tokens[end].IsWord && Lexicon.Auxiliaries.Contains(tokens[end].Bare) && Head(tokens, SkipAuxiliaries(tokens, end)) is not null)
            {
                return end;
            }

            if (!tokens[end].IsWord)
            {
                break;
            }
        }

        return k;
    }

    public static int SkipAuxiliaries(List<Token> tokens, int k)
    {
        for (var taken = 0; k < tokens.Count && taken < 5 && Lexicon.Auxiliaries.Contains(tokens[k].Bare); taken++)
        {
            k++;
        }

        return k;
    }

    /// <summary>The casualty word at k: "killed", "dead", "wounded", "shot dead", "stabbed to death", "lost their lives".</summary>
    public static (SuggestionKind Kind, int End)? Head(List<Token> tokens, int k)
    {
        if (k >= tokens.Count)
        {
            return null;
        }

        var word = tokens[k].Bare;
        string? Next(int n) => k + n < tokens.Count ? tokens[k + n].Bare : null;
        if (ToDeathVerbs.Contains(word) && Next(1) == "to" && Next(2) == "death")
        {
            return (SuggestionKind.Killed, tokens[k + 2].End);
        }

        if (word == "shot" && Next(1) is "dead")
        {
            return (SuggestionKind.Killed, tokens[k + 1].End);
        }

        if (word == "shot" && Next(1) == "and" && Next(2) == "killed")
        {
            return (SuggestionKind.Killed, tokens[k + 2].End);
        }

        if (word == "lost" && Next(1) is "their" or "his" or "her" && Next(2) is "lives" or "life")
        {
            return (SuggestionKind.Killed, tokens[k + 2].End);
        }

        return Category(word) is { } kind ? (kind, tokens[k].End) : null;
    }

    public static SuggestionKind? Category(string word) =>
        Lexicon.KilledWords.Contains(word) ? SuggestionKind.Killed
        : Lexicon.WoundedWords.Contains(word) ? SuggestionKind.Wounded
        : null;
}
