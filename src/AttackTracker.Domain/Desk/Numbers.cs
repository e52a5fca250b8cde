using System.Globalization;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// A count as the text writes it, over tokens [<see cref="Start"/>, <see cref="End"/>): the qualifier
/// words before it included. <see cref="Vague"/> marks "dozens", "hundreds": their literal lower bound.
/// </summary>
internal sealed record NumberPhrase(int Start, int NumberStart, int End, int Value, int? Max, FigureQualifier Qualifier, bool Vague);

/// <summary>Reads numbers written in digits or words (English; French and Spanish up to twenty and the tens).</summary>
internal static class Numbers
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["deux"] = 2,
        ["trois"] = 3,
        ["quatre"] = 4,
        ["cinq"] = 5,
        ["huit"] = 8,
        ["neuf"] = 9,
        ["dix"] = 10,
        ["onze"] = 11,
        ["douze"] = 12,
        ["treize"] = 13,
        ["quatorze"] = 14,
        ["quinze"] = 15,
        ["seize"] = 16,
        ["vingt"] = 20,
        ["trente"] = 30,
        ["quarante"] = 40,
        ["cinquante"] = 50,
        ["dos"] = 2,
        ["tres"] = 3,
        ["cuatro"] = 4,
        ["cinco"] = 5,
        ["seis"] = 6,
        ["siete"] = 7,
        ["ocho"] = 8,
        ["nueve"] = 9,
        ["diez"] = 10,
        ["doce"] = 12,
        ["trece"] = 13,
        ["catorce"] = 14,
        ["quince"] = 15,
        ["veinte"] = 20,
        ["treinta"] = 30,
        ["cuarenta"] = 40,
        ["cincuenta"] = 50,
    };

    /// <summary>Plural quantities read by their literal lower bound: "dozens" is at least two dozen.</summary>
    private static readonly Dictionary<string, int> Vague = new(StringComparer.Ordinal)
    {
        ["dozens"] = 24,
        ["scores"] = 40,
        ["hundreds"] = 200,
        ["thousands"] = 2000,
        ["dizaines"] = 20,
        ["centaines"] = 200,
        ["decenas"] = 20,
        ["cientos"] = 200,
        ["centenares"] = 200,
    };

    private static readonly (string[] Words, FigureQualifier Qualifier)[] Qualifiers =
    [
        (["at", "least"], FigureQualifier.AtLeast), (["no", "fewer", "than"], FigureQualifier.AtLeast),
        (["not", "less", "than"], FigureQualifier.AtLeast), (["au", "moins"], FigureQualifier.AtLeast),
        (["al", "menos"], FigureQualifier.AtLeast), (["por", "lo", "menos"], FigureQualifier.AtLeast),
        (["more", "than"], FigureQualifier.MoreThan), (["over"], FigureQualifier.MoreThan), (["upwards", "of"], FigureQualifier.MoreThan),
        (["in", "excess", "of"], FigureQualifier.MoreThan), (["plus", "de"], FigureQualifier.MoreThan), (["más", "de"], FigureQualifier.MoreThan),
        (["about"], FigureQualifier.About), (["around"], FigureQualifier.About), (["approximately"], FigureQualifier.About),
        (["roughly"], FigureQualifier.About), (["some"], FigureQualifier.About), (["nearly"], FigureQualifier.About),
        (["almost"], FigureQualifier.About), (["close", "to"], FigureQualifier.About), (["an", "estimated"], FigureQualifier.About),
        (["environ"], FigureQualifier.About), (["près", "de"], FigureQualifier.About), (["unos"], FigureQualifier.About),
        (["unas"], FigureQualifier.About), (["cerca", "de"], FigureQualifier.About),
        (["up", "to"], FigureQualifier.UpTo), (["as", "many", "as"], FigureQualifier.UpTo), (["at", "most"], FigureQualifier.UpTo),
        (["no", "more", "than"], FigureQualifier.UpTo), (["jusqu'à"], FigureQualifier.UpTo), (["hasta"], FigureQualifier.UpTo),
        (["fewer", "than"], FigureQualifier.FewerThan), (["less", "than"], FigureQualifier.FewerThan), (["under"], FigureQualifier.FewerThan),
        (["moins", "de"], FigureQualifier.FewerThan), (["menos", "de"], FigureQualifier.FewerThan),
    ];

    /// <summary>The number phrase whose number starts at token <paramref name="i"/>, or null.</summary>
    public static NumberPhrase? Read(IReadOnlyList<Token> tokens, int i)
    {
        if (ReadNumber(tokens, i) is not var (value, end, vague))
        {
            return null;
        }

        var start = i;
        var qualifier = FigureQualifier.Exact;
        int? max = null;
        if (i > 0 && tokens[i - 1].Bare == "between" && end + 1 < tokens.Count && tokens[end].Bare is "and" or "y" or "et"
            && ReadNumber(tokens, end + 1) is var (high, highEnd, _) && high > value)
        {
            (start, max, end, qualifier) = (i - 1, high, highEnd, FigureQualifier.Range);
        }
        else if (end + 1 < tokens.Count && tokens[end].Text is "-" or "–" or "to" or "or" or "à" or "a" && (i == 0 || tokens[i - 1].Bare != "from")
            && ReadNumber(tokens, end + 1) is var (upper, upperEnd, _) && upper > value && !vague)
        {
            (max, end, qualifier) = (upper, upperEnd, FigureQualifier.Range);
        }
        else if (QualifierBefore(tokens, i) is var (q, qStart))
        {
            (qualifier, start) = (q, qStart);
        }

        if (vague && qualifier == FigureQualifier.Exact)
        {
            qualifier = FigureQualifier.AtLeast;
        }

        return new NumberPhrase(start, i, end, value, max, qualifier, vague);
    }

    public static bool IsNumberWord(string bare) => Words.ContainsKey(bare) || Vague.ContainsKey(bare) || bare is "dozen" or "hundred";

    private static (FigureQualifier, int)? QualifierBefore(IReadOnlyList<Token> tokens, int i)
    {
        foreach (var (words, qualifier) in Qualifiers)
        {
            var from = i - words.Length;
            if (from >= 0 && words.Select((w, k) => tokens[from + k].Bare == w).All(x => x))
            {
                return (qualifier, from);
            }
        }

        return null;
    }

    /// <summary>A number at token i: its value, the token after it, and whether it is a vague plural.</summary>
    private static (int Value, int End, bool Vague)? ReadNumber(IReadOnlyList<Token> tokens, int i)
    {
        if (i >= tokens.Count)
        {
            return null;
        }

        var token = tokens[i];
        var bare = token.Bare;
        if (token.IsDigits && int.TryParse(token.Text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return (digits, i + 1, false);
        }

        if (Vague.TryGetValue(bare, out var bound))
        {
            return (bound, i + 1, true);
        }

        // "a dozen", "a hundred", "one hundred and twelve", "two dozen"
        if (bare is "a" or "one" && i + 1 < tokens.Count && tokens[i + 1].Bare is "dozen" or "hundred")
        {
            return tokens[i + 1].Bare == "dozen" ? (12, i + 2, false) : Hundreds(tokens, 1, i + 2);
        }

        if (Compound(bare) is not { } value)
        {
            return null;
        }

        var end = i + 1;
        // "twenty one" written apart
        if (value >= 20 && value % 10 == 0 && end < tokens.Count && Words.TryGetValue(tokens[end].Bare, out var unit) && unit < 10)
        {
            value += unit;
            end++;
        }

        if (end < tokens.Count && tokens[end].Bare == "dozen")
        {
            return (value * 12, end + 1, false);
        }

        return end < tokens.Count && tokens[end].Bare == "hundred" ? Hundreds(tokens, value, end + 1) : (value, end, false);
    }

    private static (int, int, bool) Hundreds(IReadOnlyList<Token> tokens, int multiplier, int end)
    {
        var value = multiplier * 100;
        if (end + 1 < tokens.Count && tokens[end].Bare == "and" && Compound(tokens[end + 1].Bare) is { } rest && rest < 100)
        {
            return (value + rest, end + 2, false);
        }

        return (value, end, false);
    }

    /// <summary>"seven", "twenty-one".</summary>
    private static int? Compound(string bare)
    {
        if (Words.TryGetValue(bare, out var value))
        {
            return value;
        }

        var dash = bare.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Words.TryGetValue(bare[..dash], out var tens) && tens >= 20 && tens % 10 == 0
            && Words.TryGetValue(bare[(dash + 1)..], out var ones) && ones < 10
            ? tens + ones
            : null;
    }
}
