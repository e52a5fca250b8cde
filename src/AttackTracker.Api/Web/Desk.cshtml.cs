using AttackTracker.Api.Documents;
using AttackTracker.Api.Http;
using AttackTracker.Api.Sources;
using AttackTracker.Domain;
using AttackTracker.Domain.Documents;
using AttackTracker.Domain.Reports;
using AttackTracker.Domain.Sources;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>The article form's fields, as typed.</summary>
public sealed class ArticleFields
{
    public string? Text { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Publisher { get; set; }

    public string? Kind { get; set; }

    public string? Reliability { get; set; }

    public string? PublishedAt { get; set; }

    public string? Language { get; set; } = "en";
}

/// <summary>
/// The desk's start (/desk): paste an article with its source, date and language, which stores it
/// as a document (the same write as POST /api/documents), or pick a stored document; either leads
/// to its review.
/// </summary>
[Authorize(Policy = DeskSession.Policy)]
public sealed class DeskModel(IQuerySession session, DocumentWrites documents, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ArticleFields Article { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<DocumentSummary> Documents { get; private set; } = [];

    public IReadOnlyList<string> Sources { get; private set; } = [];

    public IDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The id of the field a problem names, for the summary's links.</summary>
    public static string Anchor(string field) => field.StartsWith("publisher", StringComparison.Ordinal) ? "article-publisher" : "article-" + field;

    public string? Problem(string field) => Problems.TryGetValue(field, out var messages) ? string.Join(' ', messages) : null;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var request = new DocumentRequest(
            Article.Text,
            Article.Title,
            string.IsNullOrWhiteSpace(Article.Url) ? null : Article.Url,
            new SourceRequest(Article.Publisher, null, DeskText.Parse<SourceKind>(Article.Kind), DeskText.Parse<Reliability>(Article.Reliability)),
            Article.PublishedAt,
            string.IsNullOrWhiteSpace(Article.Language) ? null : Article.Language);
        var command = DocumentValidation.Validate(request, clock.GetUtcNow(), errors);
        if (command is null)
        {
            Problems = errors.ToDictionary();
            await LoadAsync(cancellationToken);
            return Page();
        }

        var written = await documents.StoreAsync(command, IncidentWrites.Origin(HttpContext), null, cancellationToken);
        return Redirect($"/desk/documents/{((DocumentWrite.Stored)written).Document.Id}");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await DeskSession.SignOutAsync(HttpContext);
        return Redirect(DeskSession.SignInPath + "?signedOut=1");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = session.Query<DocumentSummary>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(Query) && new ValidationErrors().Text("q", Query, Limits.NameLength) is { } text)
        {
            var normalized = SourceNames.Normalize(text);
            query = query.Where(d => d.SearchText.Contains(normalized));
        }

        Documents = await query.OrderByDescending(d => d.StoredAt).Take(20).ToListAsync(cancellationToken);
        Sources = await session.Query<SourceView>().OrderBy(s => s.NormalizedName).Select(s => s.Name).Take(500).ToListAsync(cancellationToken);
    }
}
