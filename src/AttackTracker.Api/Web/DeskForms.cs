namespace AttackTracker.Api.Web;

/// <summary>One suggestion under review: its passage (to check the form against the suggestions), accept or reject, and its value as edited.</summary>
public sealed class ReviewItem
{
    public int Start { get; set; }

    public int End { get; set; }

    public string? Choice { get; set; }

    public DeskFields Fields { get; set; } = new();

    public bool Rejected => Choice == "reject";
}

/// <summary>A fact the suggestions missed: its kind, the words it comes from (located in the text), and its value.</summary>
public sealed class AddedFact
{
    public string? Kind { get; set; }

    public string? Words { get; set; }

    public int? Start { get; set; }

    public int? End { get; set; }

    public bool Remove { get; set; }

    public DeskFields Fields { get; set; } = new();
}

/// <summary>A new incident's fields, as OpenIncidentRequest takes them.</summary>
public sealed class IncidentFields
{
    public string? Title { get; set; }

    public string? OccurredOn { get; set; }

    public string? Country { get; set; }

    public string? Place { get; set; }
}

/// <summary>The report's own fields.</summary>
public sealed class ReportFields
{
    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? PublishedAt { get; set; }

    public string? Credibility { get; set; }
}

/// <summary>A problem on the page: the id of the field at fault (the summary links to it) and what is wrong.</summary>
public sealed record DeskProblem(string Anchor, string Label, string Message);

/// <summary>
/// Where words stand in the text: the offsets the browser sent when they still hold those words,
/// else the words' first occurrence. Spaces around the words are left out, as a quote's are.
/// </summary>
public static class TextPassages
{
    public static (int Start, int End)? Locate(string text, string? words, int? start, int? end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var wanted = words?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        if (start is { } s && end is { } e && s >= 0 && e > s && e <= text.Length && text[s..e].Trim() == wanted)
        {
            var lead = text[s..e].Length - text[s..e].TrimStart().Length;
            return (s + lead, s + lead + wanted.Length);
        }

        var found = text.IndexOf(wanted, StringComparison.Ordinal);
        return found < 0 ? null : (found, found + wanted.Length);
    }

    /// <summary>A suggestion's passage without spaces at its ends (a quote is trimmed, and must equal its passage).</summary>
    public static (int Start, int End) Trimmed(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
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
}
