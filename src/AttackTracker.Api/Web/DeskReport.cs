using System.Globalization;
using System.Text.RegularExpressions;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Reports;

namespace AttackTracker.Api.Web;

/// <summary>
/// The report a reviewed article makes: one fact per suggestion accepted (the engine's own fact
/// when its fields were left as suggested, the fields' fact when edited) and per fact added, each
/// quoting its passage and citing it; and the desk's record of what became of every suggestion.
/// A problem names the field on the page; the API's field paths (facts[3].killed) are turned back
/// into the suggestion or added fact they came from.
/// </summary>
public sealed partial class DeskReport
{
    private readonly List<(string Anchor, string Label)> _origins = [];

    private DeskReport()
    {
    }

    public ReportRequest? Report { get; private set; }

    public List<DeskProblem> Problems { get; } = [];

    public static DeskReport Build(DeskReviewModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var build = new DeskReport();
        var text = page.Document.Text;
        var document = page.Document.Id;
        var facts = new List<Fact?>();
        var outcomes = new List<DeskOutcomeRequest?>();
        for (var i = 0; i < page.Reviewable.Count; i++)
        {
            var suggestion = page.Reviewable[i];
            var item = page.Items[i];
            var (start, end) = TextPassages.Trimmed(text, suggestion.Passage.Start, suggestion.Passage.End);
            var label = $"Suggestion {i + 1} ({DeskText.Words(suggestion.Kind).ToLowerInvariant()})";
            if (item.Rejected)
            {
                outcomes.Add(new DeskOutcomeRequest(suggestion.Kind, DeskOutcome.Rejected, null, start, end));
                continue;
            }

            var unchanged = item.Fields.SameAs(DeskFields.Of(suggestion), suggestion.Kind);
            var fact = unchanged ? SuggestionFacts.ToFacts([suggestion]).Facts is [var engine, ..] ? engine : null : build.FromFields(item.Fields, suggestion.Kind, $"items-{i}", label);
            if (fact is null)
            {
                continue;
            }

            outcomes.Add(new DeskOutcomeRequest(suggestion.Kind, unchanged ? DeskOutcome.Accepted : DeskOutcome.Edited, facts.Count, start, end));
            build._origins.Add(($"items-{i}", label));
            facts.Add(fact with { Quote = text[start..end], Passage = new CitedPassage(document, start, end) });
        }

        for (var j = 0; j < page.Added.Count; j++)
        {
            var added = page.Added[j];
            var label = $"Added fact {j + 1}";
            if (DeskText.Parse<SuggestionKind>(added.Kind) is not { } kind || TextPassages.Locate(text, added.Words, added.Start, added.End) is not { } at)
            {
                build.Problems.Add(new DeskProblem($"added-{j}-words", label, "Its words are no longer in the article; remove it and add it again."));
                continue;
            }

            if (build.FromFields(added.Fields, kind, $"added-{j}", label) is { } fact)
            {
                outcomes.Add(new DeskOutcomeRequest(kind, DeskOutcome.Added, facts.Count, null, null));
                build._origins.Add(($"added-{j}", label));
                facts.Add(fact with { Quote = text[at.Start..at.End], Passage = new CitedPassage(document, at.Start, at.End) });
            }
        }

        int? credibility = int.TryParse(page.Report.Credibility, NumberStyles.None, CultureInfo.InvariantCulture, out var grade) ? grade : null;
        build.Report = build.Problems.Count > 0 ? null : new ReportRequest(
            new SourceRequest(page.Document.Publisher.Name, null, null, null),
            page.Report.Title,
            string.IsNullOrWhiteSpace(page.Report.Url) ? null : page.Report.Url,
            page.Report.PublishedAt,
            credibility,
            facts,
            new DeskRequest(document, outcomes));
        return build;
    }

    /// <summary>A problem from the write (a field path of the report's body) as the page names it.</summary>
    public DeskProblem Explain(string path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FactPath().Match(path) is { Success: true } fact && int.Parse(fact.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index < _origins.Count)
        {
            var (anchor, label) = _origins[index];
            return new DeskProblem(anchor + "-choice", label, $"{Field(fact.Groups[2].Value)}{message}");
        }

        return path switch
        {
            "facts" => new DeskProblem("suggestions-heading", "Facts", "Accept at least one suggestion, or add a fact: a report " + message),
            "title" or "url" or "publishedAt" or "credibility" => new DeskProblem("report-" + path.ToLowerInvariant(), "Report " + path, message),
            _ when path.StartsWith("incident.", StringComparison.Ordinal) => new DeskProblem("opening-" + path["incident.".Length..].ToLowerInvariant(), "New incident's " + path["incident.".Length..], message),
            "incident" => new DeskProblem("incident-choice", "Incident", message),
            _ => new DeskProblem("form", path, message),
        };
    }

    private static string Field(string rest) => rest.TrimStart('.') is { Length: > 0 } field ? $"{field}: " : string.Empty;

    private Fact? FromFields(DeskFields fields, SuggestionKind kind, string anchor, string label)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var fact = fields.ToFact(kind, problems);
        foreach (var (field, message) in problems)
        {
            Problems.Add(new DeskProblem($"{anchor}-{field.ToLowerInvariant()}", label, $"{field} {message}"));
        }

        return fact;
    }

    [GeneratedRegex(@"^facts\[(\d+)\](.*)$")]
    private static partial Regex FactPath();
}
