using AttackTracker.Api.Documents;
using AttackTracker.Api.Http;
using AttackTracker.Domain.Desk;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>
/// An article under review (/desk/documents/{id}): the text with every suggestion highlighted;
/// each suggestion accepted, edited or rejected; facts added from passages; the incident chosen
/// (a likely match, a search, or a new one); and one report submitted through the write path
/// (<see cref="DeskSubmission"/>). Every step posts the whole form and gets it back as it was, so
/// the page works without script; <c>/assets/desk.js</c> only adds taking a passage from a selection.
/// </summary>
[Authorize(Policy = DeskSession.Policy)]
public sealed class DeskReviewModel(IQuerySession session, DeskSubmission submission) : PageModel
{
    public const string NewIncident = "new";

    [BindProperty]
    public List<ReviewItem> Items { get; set; } = [];

    [BindProperty]
    public List<AddedFact> Added { get; set; } = [];

    [BindProperty]
    public AddedFact Adding { get; set; } = new();

    [BindProperty]
    public string? Incident { get; set; }

    [BindProperty]
    public string? Search { get; set; }

    [BindProperty]
    public IncidentFields Opening { get; set; } = new();

    [BindProperty]
    public ReportFields Report { get; set; } = new();

    [BindProperty]
    public string? Key { get; set; }

    public DocumentView Document { get; private set; } = null!;

    /// <summary>The suggestions about this attack, in the order of <see cref="Items"/>.</summary>
    public IReadOnlyList<Suggestion> Reviewable { get; private set; } = [];

    /// <summary>Tolls of other attacks the article mentions in passing: shown, never offered as this report's facts.</summary>
    public IReadOnlyList<Suggestion> Others { get; private set; } = [];

    /// <summary>The text cut at every passage: the suggestions', the other attacks' and the added facts'.</summary>
    public IReadOnlyList<TextSegment> Segments() => ArticleText.Segments(Document.Text, [
        .. Reviewable.Select((s, i) => new Highlight($"m-{i}", s.Passage.Start, s.Passage.End, "k-" + DeskText.Name(s.Kind))),
        .. Others.Select((s, i) => new Highlight($"o-{i}", s.Passage.Start, s.Passage.End, "k-other")),
        .. Added.Select((a, i) => new Highlight($"a-{i}", a.Start ?? -1, a.End ?? -1, "k-added")),
    ]);

    public IReadOnlyList<IncidentMatch> Likely { get; private set; } = [];

    public IReadOnlyList<IncidentMatch> Found { get; private set; } = [];

    public List<DeskProblem> Problems { get; } = [];

    public string? Problem(string anchor) => Problems.FirstOrDefault(p => p.Anchor == anchor)?.Message;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Items = [.. Reviewable.Select(s => new ReviewItem { Start = s.Passage.Start, End = s.Passage.End, Choice = "accept", Fields = DeskFields.Of(s) })];
        Report = new ReportFields { Title = Document.Title, Url = Document.Url, PublishedAt = Document.PublishedAt.ToString() };
        var date = Reviewable.Select(s => s.Value).OfType<SuggestedDate>().FirstOrDefault();
        var places = Reviewable.Select(s => s.Value).OfType<SuggestedPlace>().ToList();
        Opening = new IncidentFields
        {
            Title = Document.Title,
            OccurredOn = (date?.At ?? Document.PublishedAt).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Country = places.Select(p => p.CountryCode).OfType<string>().FirstOrDefault(),
            Place = string.Join(", ", places.Where(p => p.Level != "country").Select(p => p.Name).Distinct().Take(3)),
        };
        Incident = Likely.Count > 0 ? Likely[0].Listing.Id.ToString() : NewIncident;
        Key = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Adds the fact typed (or selected) under "Add a fact", and shows the form again.</summary>
    public async Task<IActionResult> OnPostAddAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Aligned())
        {
            return Page();
        }

        // Enter in any field submits with the form's first button, this one: an empty "Add a fact" only shows the form again.
        if ((!string.IsNullOrWhiteSpace(Adding.Kind) || !string.IsNullOrWhiteSpace(Adding.Words)) && Take(Adding, "adding") is { } added)
        {
            Added.Add(added);
            Adding = new AddedFact();
        }

        return Page();
    }

    /// <summary>Searches the incidents by title or place, and shows the form again with what was found.</summary>
    public async Task<IActionResult> OnPostSearchAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Aligned())
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Search))
        {
            Problems.Add(new DeskProblem("search", "Search", "Type part of an incident's title or place."));
        }

        return Page();
    }

    /// <summary>What the search typed finds, kept on every post so an incident found stays offered.</summary>
    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Search))
        {
            return;
        }

        if (new Domain.ValidationErrors().Text("search", Search, Domain.Limits.NameLength) is { } text)
        {
            Found = await DeskMatches.SearchAsync(session, text, cancellationToken);
        }
        else
        {
            Problems.Add(new DeskProblem("search", "Search", "Type part of an incident's title or place (up to 200 characters, no control characters)."));
        }
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Aligned())
        {
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(Adding.Words) && Take(Adding, "adding") is { } pending)
        {
            Added.Add(pending);
            Adding = new AddedFact();
        }

        var build = DeskReport.Build(this);
        Problems.AddRange(build.Problems);
        Guid? incident = Incident == NewIncident ? null : Guid.TryParse(Incident, out var chosen) ? chosen : Guid.Empty;
        if (incident == Guid.Empty)
        {
            Problems.Add(new DeskProblem("incident-choice", "Incident", "Choose an incident, or open a new one."));
        }

        if (Problems.Count > 0 || build.Report is null)
        {
            return Page();
        }

        var opening = incident is null ? new OpenIncidentRequest(Opening.Title, Opening.OccurredOn, Opening.Country?.Trim().ToUpperInvariant(), Opening.Place, null) : null;
        switch (await submission.SubmitAsync(incident, opening, build.Report, Key ?? string.Empty, IncidentWrites.Origin(HttpContext), cancellationToken))
        {
            case DeskSubmitted.Written written:
                return Redirect($"/incidents/{written.IncidentId}");
            case DeskSubmitted.Refused refused:
                Problems.AddRange(refused.Problems.Select(p => build.Explain(p.Key, string.Join(' ', p.Value))));
                return Page();
            default:
                throw new InvalidOperationException("Unknown desk submission.");
        }
    }

    /// <summary>The added fact, with its passage located in the text; or null with the problem named.</summary>
    private AddedFact? Take(AddedFact fact, string anchor)
    {
        if (DeskText.Parse<SuggestionKind>(fact.Kind) is null)
        {
            Problems.Add(new DeskProblem(anchor + "-kind", "New fact", "Choose what kind of fact the words give."));
            return null;
        }

        if (fact.Words is { Length: > Domain.Limits.QuoteLength })
        {
            Problems.Add(new DeskProblem(anchor + "-words", "New fact", $"The words are {fact.Words.Length} characters long; a passage is at most {Domain.Limits.QuoteLength}."));
            return null;
        }

        if (TextPassages.Locate(Document.Text, fact.Words, fact.Start, fact.End) is not { } at)
        {
            Problems.Add(new DeskProblem(anchor + "-words", "New fact", "These words are not in the article. Copy them exactly as written, or select them in the text."));
            return null;
        }

        return new AddedFact { Kind = fact.Kind, Words = Document.Text[at.Start..at.End], Start = at.Start, End = at.End };
    }

    /// <summary>The form's suggestions are the engine's for this text (they are, unless the engine changed between two requests).</summary>
    private bool Aligned()
    {
        Added = [.. Added.Where(a => !a.Remove)];
        if (Items.Count == Reviewable.Count && Items.Zip(Reviewable).All(p => p.First.Start == p.Second.Passage.Start && p.First.End == p.Second.Passage.End))
        {
            return true;
        }

        Items = [.. Reviewable.Select(s => new ReviewItem { Start = s.Passage.Start, End = s.Passage.End, Choice = "accept", Fields = DeskFields.Of(s) })];
        Problems.Add(new DeskProblem("suggestions-heading", "Suggestions", "The suggestions have changed since the page was shown (the service was updated). Review them again."));
        return false;
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await DocumentReader.LoadAsync(session, id, cancellationToken) is not { } document)
        {
            return false;
        }

        Document = document;
        var suggestions = GetSuggestionsEndpoint.Of(document).Suggestions;
        Reviewable = [.. suggestions.Where(s => s.Attack == AttackReference.This)];
        Others = [.. suggestions.Where(s => s.Attack == AttackReference.Other)];
        Likely = await DeskMatches.LikelyAsync(session, suggestions, document.PublishedAt.Date, cancellationToken);
        if (HttpMethods.IsPost(Request.Method))
        {
            await SearchAsync(cancellationToken);
        }

        return true;
    }
}
