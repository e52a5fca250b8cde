namespace AttackTracker.Domain.Desk;

/// <summary>
/// The suggestion engine of the report desk (docs/desk.md): reads an article and suggests the facts
/// of a report, each with the passage it comes from. Pure and deterministic: the same text and
/// options give the same suggestions, in the order of their passages.
/// </summary>
public static class Suggestions
{
    public static IReadOnlyList<Suggestion> Suggest(string text, SuggestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new SuggestOptions();
        var article = new Article(text, options.PublishedAt);
        if (article.Sentences.Count == 0)
        {
            return [];
        }

        var dates = DateReader.Read(article);
        if (article.PublishedAt is null && DateReader.PublicationFrom(dates) is { } dateline)
        {
            // A dateline dates the report: read the dates again, now that "on Friday" can be placed.
            article.PublishedAt = dateline;
            dates = DateReader.Read(article);
        }

        var frames = new Frames(article, dates);
        var perpetrators = PerpetratorReader.Suggest(article, frames, out var perpetratorNames).ToList();
        var people = PersonReader.Suggest(article, frames, perpetratorNames).ToList();
        var names = perpetratorNames.Concat(people.Select(p => ((SuggestedPerson)p.Value).Name)).ToHashSet(StringComparer.Ordinal);
        var suggestions = new List<Suggestion>();
        suggestions.AddRange(TollReader.Suggest(article, frames, perpetratorNames));
        suggestions.AddRange(ClaimReader.Suggest(article, frames));
        suggestions.AddRange(perpetrators);
        suggestions.AddRange(people);
        if (frames.AttackDate is { } date)
        {
            var at = new ReportedTime(new DateTimeOffset(date.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), date.Precision);
            var confidence = date.Form == DateForm.Day ? 0.8 : date.Form == DateForm.Relative ? 0.65 : 0.5;
            suggestions.Add(new Suggestion(SuggestionKind.Date, new SuggestedDate(at), Passage.Of(text, date.Start, date.End), confidence, AttackReference.This));
        }

        suggestions.AddRange(PlaceReader.Suggest(article, frames, names));
        suggestions.AddRange(TypeReader.Suggest(article, frames));
        return
        [
            .. suggestions
                .Where(s => s.Confidence >= options.MinimumConfidence)
                .Select(s => s with { Confidence = Math.Round(s.Confidence, 2) })
                .OrderBy(s => s.Passage.Start)
                .ThenBy(s => s.Passage.End)
                .ThenBy(s => s.Kind),
        ];
    }
}
