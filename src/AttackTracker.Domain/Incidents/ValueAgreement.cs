using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Statistics;

namespace AttackTracker.Domain.Incidents;

/// <summary>
/// When two values that reports give for one thing disagree (docs/reconciliation.md, "Same value,
/// more detail, or a conflict"). Texts are compared as words: case, accents, punctuation, word
/// order and a remark in brackets do not count, and a word matches a longer one it begins (at least
/// four letters: "French" and "Frenchman"). Two texts agree when every word of one is found in the
/// other: "Moroccan Frenchman" and "French Moroccan" say the same, and "an apartment in Carcassonne,
/// shared with his mother" says more than "Carcassonne" without contradicting it. Anything else
/// (numbers, yes or no, a status) agrees only when equal.
/// </summary>
public static class ValueAgreement
{
    private const int ShortestPrefix = 4;

    public static bool Agree(object first, object second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first is not string a || second is not string b)
        {
            return first.Equals(second);
        }

        var (x, y) = (Words(a), Words(b));
        if (x.Length == 0 || y.Length == 0)
        {
            return SourceNames.Normalize(a) == SourceNames.Normalize(b);
        }

        return Within(x, y) || Within(y, x);
    }

    /// <summary>Whether any two of <paramref name="values"/> disagree.</summary>
    public static bool AnyConflict(IReadOnlyList<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = i + 1; j < values.Count; j++)
            {
                if (!Agree(values[i], values[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The words of a text without its bracketed remarks: letters and digits, lower case, accents removed.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var letters = SourceNames.Normalize(GroupNames.Display(text)).Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        return [.. new string(letters).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
    }

    private static bool Within(string[] words, string[] other) => words.All(w => other.Any(o => Matches(w, o)));

    private static bool Matches(string word, string other) =>
        word == other
        || (word.Length >= ShortestPrefix && other.StartsWith(word, StringComparison.Ordinal))
        || (other.Length >= ShortestPrefix && word.StartsWith(other, StringComparison.Ordinal));
}
