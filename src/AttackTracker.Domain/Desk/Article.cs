using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>A word, number or mark of the text, with its offsets into the whole article.</summary>
internal sealed record Token(int Start, int End, string Text)
{
    /// <summary>Lower case, without a possessive "'s" ("Friday's" is "friday").</summary>
    public string Bare { get; } = Strip(Text).ToLowerInvariant();

    public bool IsWord => char.IsLetter(Text[0]);

    public bool IsCapitalized => char.IsUpper(Text[0]);

    public bool IsDigits => Text.All(c => char.IsDigit(c) || c == ',');

    private static string Strip(string text) =>
        text.Length > 2 && (text.EndsWith("'s", StringComparison.Ordinal) || text.EndsWith("’s", StringComparison.Ordinal)) ? text[..^2] : text;
}

/// <summary>
/// One sentence: its offsets, its paragraph, and its tokens. <see cref="BodyStart"/> skips a dateline
/// ("PARIS, March 26, 2018 (Wire) - "), whose place and date are the report's, not the attack's.
/// </summary>
internal sealed record Sentence(int Index, int Paragraph, int Start, int End, int BodyStart, bool IsHeadline, IReadOnlyList<Token> Tokens)
{
    public IEnumerable<Token> Body => Tokens.Where(t => t.Start >= BodyStart);
}

/// <summary>The article cut into paragraphs, sentences and tokens, offsets kept.</summary>
internal sealed partial class Article
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gen", "lt", "col", "sgt", "capt", "no", "vs", "a.m", "p.m", "u.s", "inc", "ltd", "co", "jr", "sr", "mt", "ft", "rev", "fr",
    };

    public Article(string text, DateOnly? publishedAt)
    {
        Text = text;
        PublishedAt = publishedAt;
        Sentences = Split(text);
    }

    public string Text { get; }

    public DateOnly? PublishedAt { get; set; }

    public IReadOnlyList<Sentence> Sentences { get; }

    public Sentence SentenceAt(int offset)
    {
        var (low, high) = (0, Sentences.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Sentences[middle].Start <= offset ? (middle, high) : (low, middle - 1);
        }

        return Sentences[low];
    }

    public string Slice(int start, int end) => Text[start..end];

    private static List<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var headlineTaken = false;
        foreach (var (start, end) in Paragraphs(text))
        {
            var first = true;
            foreach (var (s, e) in SentencesIn(text, start, end))
            {
                var (from, to) = Trim(text, s, e);
                if (from >= to)
                {
                    continue;
                }

                var tokens = Tokenize(text, from, to);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var body = first ? DatelineEnd(text, from, to) : from;
                // The headline is the article's first line when it is not a sentence ending in a full stop.
                var headline = !headlineTaken && sentences.Count == 0 && ".!?".IndexOf(text[to - 1]) < 0;
                headlineTaken = true;
                sentences.Add(new Sentence(sentences.Count, paragraph, from, to, body, headline, tokens));
                first = false;
            }

            paragraph++;
        }

        return sentences;
    }

    /// <summary>Lines are paragraphs, except that a line not ending a sentence runs on into a next line starting in lower case.</summary>
    private static IEnumerable<(int Start, int End)> Paragraphs(string text)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\n')
            {
                i++;
                continue;
            }

            var next = i;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            var last = i - 1;
            while (last >= start && char.IsWhiteSpace(text[last]))
            {
                last--;
            }

            var runsOn = last >= start && ".!?:”\")]".IndexOf(text[last]) < 0 && next < text.Length && char.IsLower(text[next]);
            if (!runsOn)
            {
                yield return (start, i);
                start = next;
            }

            i = next;
        }

        if (start < text.Length)
        {
            yield return (start, text.Length);
        }
    }

    private static IEnumerable<(int Start, int End)> SentencesIn(string text, int start, int end)
    {
        var from = start;
        for (var i = start; i < end; i++)
        {
            if (text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var close = i + 1;
            while (close < end && text[close] is '”' or '"' or '’' or '\'' or ')')
            {
                close++;
            }

            var next = close;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next == close || next >= end || !StartsSentence(text[next]) || (text[i] == '.' && IsAbbreviation(text, i)))
            {
                continue;
            }

            yield return (from, close);
            from = next;
        }

        yield return (from, end);
    }

    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '“' or '"' or '[' or '(' or '‘';

    private static bool IsAbbreviation(string text, int period)
    {
        var start = period;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        var word = text[start..period];
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    private static (int, int) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static List<Token> Tokenize(string text, int start, int end) =>
        [.. TokenPattern().Matches(text[start..end]).Select(m => new Token(start + m.Index, start + m.Index + m.Length, m.Value))];

    /// <summary>Where the body starts after a dateline: "KANDARI, Nigeria, June 4 (Wire) - ", "BAMAKO, March 3 - ".</summary>
    private static int DatelineEnd(string text, int start, int end)
    {
        var match = DatelinePattern().Match(text[start..end]);
        return match.Success ? start + match.Length : start;
    }

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.:]\d+)*(?:-\p{L}[\p{L}\p{M}\-]*)?|[\p{L}\p{M}][\p{L}\p{M}\d'’\-]*|\S")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(?:\p{Lu}[\p{Lu}\p{M} .'’-]{2,}(?:,\s*\p{Lu}[\p{L}. ]+?)?(?:,\s*\p{L}+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\)\s*)?[-–—]\s+|(?:Published|Updated|UPDATED)\b[^-–—]{0,40}?[-–—]\s+)")]
    private static partial Regex DatelinePattern();
}
