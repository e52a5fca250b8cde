using System.Globalization;
using AttackTracker.Api.Documents;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>
/// A stored document as a person reads it (/documents/{id}): its text exactly as stored, shown as
/// text, with the passage the address names (?start=&amp;end=, offsets in UTF-16 code units as a
/// fact's passage gives them) highlighted. The incident page links every fact that cites a passage here.
/// </summary>
public sealed class SourceDocumentModel(IQuerySession session) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? End { get; set; }

    public DocumentView Document { get; private set; } = null!;

    /// <summary>The passage asked for, when it lies inside the text.</summary>
    public (int Start, int End)? Passage { get; private set; }

    public IReadOnlyList<TextSegment> Segments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await DocumentReader.LoadAsync(session, id, cancellationToken) is not { } document)
        {
            return NotFound();
        }

        Document = document;
        if (int.TryParse(Start, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(End, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && start < end && end <= document.Text.Length)
        {
            Passage = (start, end);
        }

        Segments = ArticleText.Segments(document.Text, Passage is { } p ? [new Highlight("passage", p.Start, p.End, "passage")] : []);
        return Page();
    }

    public static string Link(string document, int start, int end) =>
        string.Create(CultureInfo.InvariantCulture, $"/documents/{document}?start={start}&end={end}#passage");
}
