using System.Globalization;
using System.Text;
using AttackTracker.Domain.Desk;

namespace AttackTracker.Domain.Tests.Desk;

internal sealed record KindScore(string Kind, int Suggested, int Expected, int Matched)
{
    public double Precision => Suggested == 0 ? 1 : (double)Matched / Suggested;

    public double Recall => Expected == 0 ? 1 : (double)Matched / Expected;
}

/// <summary>One article's comparison: what matched, what the engine suggested wrongly, what it missed.</summary>
internal sealed record ArticleScore(AnnotatedArticle Article, IReadOnlyList<(string Kind, Suggestion Suggestion)> Suggested, IReadOnlyList<(string Kind, Suggestion Suggestion)> Wrong, IReadOnlyList<AnnotatedFact> Missed)
{
    public int Matched(string kind) => Suggested.Count(s => s.Kind == kind) - Wrong.Count(w => w.Kind == kind);
}

/// <summary>
/// The matching rule: a suggestion matches an annotated fact of the same kind with the same value
/// (for figures: number, range end, qualifier and scope) whose passage it overlaps; each fact
/// matches once. Figures of other attacks form the kind "other-toll" (scope not compared); other
/// kinds are scored for this attack only, and what the engine places in another attack is not scored.
/// </summary>
internal static class Scoring
{
    public static readonly string[] Kinds =
    [
        "killed", "wounded", "other-toll", "claim", "perpetratorName", "perpetratorAge", "perpetratorNationality",
        "person", "date", "place", "attackType", "weapon",
    ];

    public static ArticleScore Score(AnnotatedArticle article)
    {
        var suggestions = Suggestions.Suggest(article.Text, new SuggestOptions { PublishedAt = article.PublishedAt });
        var scored = suggestions
            .Where(s => s.Value is SuggestedFigure || s.Attack == AttackReference.This)
            .Select(s => (Kind: AnnotatedArticles.EvaluationKind(Keys.Camel(s.Kind.ToString()), s.Attack == AttackReference.Other ? "other" : "this"), Suggestion: s))
            .ToList();
        var open = article.Facts.ToList();
        var wrong = new List<(string, Suggestion)>();
        foreach (var (kind, suggestion) in scored)
        {
            var key = Keys.Of(suggestion);
            var match = open.FirstOrDefault(f => f.Kind == kind && f.Key == key && f.Passages.Any(p => p.Overlaps(suggestion.Passage)));
            if (match is null)
            {
                wrong.Add((kind, suggestion));
            }
            else
            {
                open.Remove(match);
            }
        }

        return new ArticleScore(article, scored, wrong, open);
    }

    public static IReadOnlyList<KindScore> Table(IEnumerable<ArticleScore> scores)
    {
        var list = scores.ToList();
        return
        [
            .. Kinds.Select(kind => new KindScore(
                kind,
                list.Sum(s => s.Suggested.Count(x => x.Kind == kind)),
                list.Sum(s => s.Article.Facts.Count(f => f.Kind == kind)),
                list.Sum(s => s.Matched(kind)))),
        ];
    }

    public static string Markdown(string title, IReadOnlyList<KindScore> table)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{title}\n\n| kind | annotated | suggested | matched | precision | recall |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var row in table)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row.Kind} | {row.Expected} | {row.Suggested} | {row.Matched} | {row.Precision:0.00} | {row.Recall:0.00} |\n");
        }

        return text.ToString();
    }

    public static string Errors(ArticleScore score)
    {
        var text = new StringBuilder();
        foreach (var (kind, s) in score.Wrong)
        {
            text.Append(CultureInfo.InvariantCulture, $"  + {kind} {Keys.Of(s)} [{s.Passage.Text.ReplaceLineEndings(" ")}]\n");
        }

        foreach (var f in score.Missed)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {f.Kind} {f.Key} [{f.Passages[0].Text.ReplaceLineEndings(" ")}]\n");
        }

        return text.ToString();
    }
}
