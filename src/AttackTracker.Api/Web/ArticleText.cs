namespace AttackTracker.Api.Web;

/// <summary>A stretch of an article's text, with the passages (by their ids on the page) that cover it and those that start at it.</summary>
public sealed record TextSegment(string Text, IReadOnlyList<string> Covering, IReadOnlyList<string> Starting, string? Class);

/// <summary>A passage to highlight: its id on the page, its offsets, and its class (the kind of fact).</summary>
public sealed record Highlight(string Id, int Start, int End, string Class);

/// <summary>
/// An article's text cut at every passage's ends, so the page can show the text exactly (each
/// segment encoded by Razor, nothing else added) with every passage marked, even where passages
/// overlap. The segments' text joined is the article's text, so offsets in the browser's DOM are
/// offsets in the stored text.
/// </summary>
public static class ArticleText
{
    public static IReadOnlyList<TextSegment> Segments(string text, IReadOnlyList<Highlight> highlights)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(highlights);
        var valid = highlights.Where(h => h.Start >= 0 && h.End > h.Start && h.End <= text.Length).ToList();
        var cuts = valid.SelectMany(h => new[] { h.Start, h.End }).Append(0).Append(text.Length).Distinct().Order().ToList();
        var segments = new List<TextSegment>();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, to) = (cuts[i], cuts[i + 1]);
            var covering = valid.Where(h => h.Start <= from && h.End >= to).ToList();
            segments.Add(new TextSegment(
                text[from..to],
                [.. covering.Select(h => h.Id)],
                [.. valid.Where(h => h.Start == from).Select(h => h.Id)],
                covering.Count == 0 ? null : covering.OrderBy(h => h.End - h.Start).First().Class));
        }

        return segments;
    }
}
