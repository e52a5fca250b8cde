using System.Text.RegularExpressions;

namespace AttackTracker.Domain.Desk;

/// <summary>
/// The killed and wounded suggestions of an article: the counts <see cref="FigureReader"/> reads,
/// the figures written without a number ("the gunman was shot dead", "no one was injured"), each
/// placed in this attack or another, sorted into totals and parts, and merged when repeated.
/// </summary>
internal static partial class TollReader
{
    private const string Perpetrator = "attacker|assailant|gunman|terrorist|perpetrator|bomber|stabber|shooter|hostage-taker|militant|jihadist|suspect";
    private const string DeadOrHurt = @"shot\s+dead|shot\s+and\s+killed|shot\s+to\s+death|killed|fatally\s+(?:shot|wounded)|(?:seriously\s+|critically\s+|badly\s+|slightly\s+)?(?:wounded|injured)";

    public static IEnumerable<Suggestion> Suggest(Article article, Frames frames, IReadOnlyCollection<string> perpetratorNames)
    {
        var named = NamedPerpetrator(perpetratorNames);
        var figures = new List<Figure>();
        SuggestionKind? previous = null;
        foreach (var sentence in article.Sentences)
        {
            var read = FigureReader.Read(sentence, previous).ToList();
            previous = read.Count > 0 ? read[^1].Kind : sentence.Paragraph == article.Sentences[Math.Max(0, sentence.Index - 1)].Paragraph ? previous : null;
            read.AddRange(Unnumbered(article, sentence, named).Where(f => !read.Any(r => r.Start < f.End && f.Start < r.End)));
            if (Superseded().IsMatch(article.Slice(sentence.BodyStart, sentence.End)))
            {
                continue;
            }

            figures.AddRange(read.Where(f => !ChangedFrom().IsMatch(article.Slice(sentence.BodyStart, f.Start))));
        }

        var placed = figures.Select(f => (Figure: f, Attack: frames.At(f.Start))).ToList();
        // A headline repeats a figure of the body in fewer words ("17 soldiers killed" over "At least 17 soldiers
        // were killed", "kills eight" over "killing eight soldiers and two civilians"): the body's figure stands.
        placed.RemoveAll(p => p.Figure.Sentence.IsHeadline && placed.Any(o =>
            !o.Figure.Sentence.IsHeadline && o.Attack == p.Attack && o.Figure.Kind == p.Figure.Kind && o.Figure.Value == p.Figure.Value));
        var sorted = placed.Select(p => (Figure: AsPart(p.Figure, p.Attack, placed), p.Attack)).ToList();
        return Merge(article, sorted);
    }

    /// <summary>
    /// A count "more" than one given before in the paragraph is part of that toll ("at least three …
    /// two more perished inside"); a count of victims at most half of another total of the same kind
    /// is part of it too ("killed two people" in the supermarket, of four).
    /// </summary>
    private static Figure AsPart(Figure figure, AttackReference attack, List<(Figure Figure, AttackReference Attack)> all)
    {
        if (figure.Scope != FigureScope.Victims || attack != AttackReference.This)
        {
            return figure;
        }

        var totals = all.Where(o => o.Attack == AttackReference.This && o.Figure.Kind == figure.Kind && o.Figure.Scope == FigureScope.Victims && !ReferenceEquals(o.Figure, figure)).ToList();
        // "two more perished", "Two more victims have died, bringing the number of dead to five": the total may come before or after.
        var addsTo = figure.Additive && totals.Any(o => o.Figure.Sentence.Paragraph == figure.Sentence.Paragraph && o.Figure.Value > figure.Value);
        var smaller = figure.Qualifier == FigureQualifier.Exact && figure.Value > 0
            && totals.Any(o => o.Figure.Sentence != figure.Sentence && o.Figure.Value >= 2 * figure.Value && o.Figure.Qualifier != FigureQualifier.UpTo);
        return addsTo || smaller ? figure with { Scope = FigureScope.Part, Confidence = figure.Confidence - 0.1 } : figure;
    }

    /// <summary>One suggestion per figure: the first passage, more confidence when repeated. Other attacks' figures merge only within a paragraph.</summary>
    private static List<Suggestion> Merge(Article article, List<(Figure Figure, AttackReference Attack)> figures)
    {
        var seen = new Dictionary<(SuggestionKind, SuggestedFigure, AttackReference, int), int>();
        var suggestions = new List<Suggestion>();
        foreach (var (figure, attack) in figures.OrderBy(f => f.Figure.Start))
        {
            var value = new SuggestedFigure(figure.Value, figure.Max, figure.Qualifier, figure.Scope);
            var key = (figure.Kind, value, attack, attack == AttackReference.Other ? figure.Sentence.Paragraph : -1);
            var confidence = Math.Clamp(figure.Confidence - (figure.Sentence.IsHeadline ? 0.05 : 0), 0.05, 0.99);
            if (seen.TryGetValue(key, out var at))
            {
                suggestions[at] = suggestions[at] with { Confidence = Math.Min(0.99, Math.Max(suggestions[at].Confidence, confidence) + 0.05) };
                continue;
            }

            seen[key] = suggestions.Count;
            suggestions.Add(new Suggestion(figure.Kind, value, Passage.Of(article.Text, figure.Start, figure.End), confidence, attack));
        }

        return suggestions;
    }

    /// <summary>Figures written without a number: the perpetrator shot dead, a suicide bomber, "a man was killed", "no one was injured".</summary>
    private static IEnumerable<Figure> Unnumbered(Article article, Sentence sentence, Regex? named)
    {
        var text = article.Slice(sentence.BodyStart, sentence.End);
        IEnumerable<(Match Match, FigureScope Scope, int Value)> matches =
        [
            .. PerpetratorCasualty().Matches(text).Select(m => (m, FigureScope.Perpetrators, 1)),
            .. PerpetratorObject().Matches(text).Select(m => (m, FigureScope.Perpetrators, 1)),
            .. PerpetratorSelf().Matches(text).Select(m => (m, FigureScope.Perpetrators, 1)),
            .. KilledByPolice().Matches(text).Select(m => (m, FigureScope.Perpetrators, 1)),
            .. (named?.Matches(text) ?? Enumerable.Empty<Match>()).Select(m => (m, FigureScope.Perpetrators, 1)),
            .. OneVictim().Matches(text).Select(m => (m, FigureScope.Victims, 1)),
            .. NoOne().Matches(text).Select(m => (m, FigureScope.Victims, 0)),
        ];
        foreach (var (match, scope, value) in matches)
        {
            var word = match.Groups["w"].Value.ToLowerInvariant();
            var kind = word.Contains("wound", StringComparison.Ordinal) || word.Contains("injur", StringComparison.Ordinal) || word is "hurt" or "harmed" or "injuries"
                ? SuggestionKind.Wounded
                : SuggestionKind.Killed;
            var start = sentence.BodyStart + match.Index;
            while (article.Text[start] is ',' or ';' or ':' || char.IsWhiteSpace(article.Text[start]))
            {
                start++;
            }

            yield return new Figure(kind, value, null, FigureQualifier.Exact, scope, start, sentence.BodyStart + match.Index + match.Length, sentence, 0.8);
        }
    }

    /// <summary>"Lakdim was later killed", "Okafor died in the blast", "Lakdim, a 25-year-old …, was shot dead".</summary>
    private static Regex? NamedPerpetrator(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var alternatives = string.Join('|', names.OrderByDescending(n => n.Length).Select(Regex.Escape));
        return new Regex(
            $@"\b(?:{alternatives})\b(?:\s*,[^.;]{{1,150}}?,)?(?:,?\s+[^,.;]{{1,40}}?\s+and)?\s+(?:(?:was|had\s+been|has\s+been)\s+(?:\w+\s+){{0,2}}?(?<w>{DeadOrHurt})\b|(?:later\s+|also\s+)?(?<w>died)\b)",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex($@"\b(?:the|a|an)\s+(?:suicide\s+|lone\s+|stabbing\s+|alleged\s+|suspected\s+)?(?:{Perpetrator})\b(?:\s*,[^.;]{{1,150}}?,)?(?:,?\s+[^,.;]{{1,40}}?\s+and)?\s+(?:(?:was|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?(?<w>{DeadOrHurt})\b|(?:later\s+|also\s+)?(?<w>died)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PerpetratorCasualty();

    [GeneratedRegex($@"\b(?:shot\s+and\s+killed|shot\s+dead|(?<!\bwas\s)killed)\s+the\s+(?:suicide\s+)?(?:{Perpetrator})\b(?<w>)", RegexOptions.IgnoreCase)]
    private static partial Regex PerpetratorObject();

    [GeneratedRegex(@"\b(?:blew\s+(?:himself|herself)\s+up|turn(?:ed|ing)\s+the\s+gun\s+on\s+(?:himself|herself)|(?:killed|shot)\s+(?:himself|herself)|took\s+(?:his|her)\s+own\s+life|then\s+(?:himself|herself)\b)(?<w>)", RegexOptions.IgnoreCase)]
    private static partial Regex PerpetratorSelf();

    [GeneratedRegex(@"\b(?:He|She)\s+was\s+(?:\w+\s+){0,2}?(?<w>shot\s+dead|killed|shot\s+and\s+killed|fatally\s+shot|shot\s+and\s+wounded|wounded|injured)\s+by\s+(?:the\s+|a\s+)?(?:police|officers?|soldiers?|security\s+forces|gendarmes?|special\s+forces|troops|policemen|police\s+officers?)\b|\b(?:police|officers|soldiers|troops|gendarmes)\s+(?<w>shot\s+(?:him|her)\s+dead|shot\s+and\s+killed\s+(?:him|her)|killed\s+(?:him|her))\b")]
    private static partial Regex KilledByPolice();

    [GeneratedRegex(@"(?:^|[,;:]\s+)(?:A|An|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}?(?!(?:attacker|assailant|gunman|terrorist|perpetrator|bomber|stabber|shooter|suspect|militant)\b)[\p{Ll}-]+\s+(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?(?<w>killed|shot\s+dead|stabbed\s+to\s+death|wounded|injured|hurt)\b")]
    private static partial Regex OneVictim();

    [GeneratedRegex(@"\b(?:no\s+one|no-one|nobody)\s+(?:(?:was|were|has\s+been|had\s+been|is)\s+)?(?:\w+\s+)?(?<w>killed|injured|hurt|wounded|harmed)\b|\bno\s+(?<w>deaths|injuries)\s+(?:were|have\s+been)\s+reported\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoOne();

    /// <summary>A toll the article itself supersedes: "Earlier reports had put the toll at seven."</summary>
    [GeneratedRegex(@"\b(?:earlier\s+reports?|initial\s+reports?|initially|originally|previously\s+reported|first\s+reported|had\s+put\s+the\s+toll|earlier\s+toll|earlier\s+figure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Superseded();

    /// <summary>"up from seven": the count just before is the old one.</summary>
    [GeneratedRegex(@"\b(?:up|down|revised)\s+from\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedFrom();
}
