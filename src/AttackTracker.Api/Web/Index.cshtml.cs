using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Domain;
using AttackTracker.Domain.Casualties;
using AttackTracker.Domain.Sources;
using AttackTracker.Domain.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>One row of the list: the listing, which carries the reconciled killed and wounded figures.</summary>
public sealed record IncidentRow(IncidentListing Listing)
{
    public CasualtyFigure? Killed => Figure(Listing.Killed);

    public CasualtyFigure? Wounded => Figure(Listing.Wounded);

    private static CasualtyFigure? Figure(FigureRange? range) => range is null ? null : new CasualtyFigure(range.Low, range.Best, range.High, range.Status, []);
}

/// <summary>
/// The incident list (/): search by title, place, summary or source, filter by country and year,
/// sort by date or by the killed toll, 20 to a page, paged by cursor as the API is
/// (<see cref="ListingQuery"/>), so a deep page costs what the first does. Bad filter values are
/// ignored with a message, never an error page.
/// </summary>
public sealed class IndexModel(ListingQuery listings) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<IncidentRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public long Total { get; private set; }

    /// <summary>Whether more incidents pass the filter than were counted (<see cref="Total"/> is then a lower bound).</summary>
    public bool TotalIsMore { get; private set; }

    public string? Next { get; private set; }

    public string? Previous { get; private set; }

    public bool ByToll => Sort == "toll";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        string? country = null;
        DateOnly? from = null, to = null;
        if (Country is { Length: > 0 })
        {
            if (Domain.Countries.IsCode(Country))
            {
                country = Country;
            }
            else
            {
                problems.Add($"“{Country}” is not a country code; showing every country.");
                Country = null;
            }
        }

        if (Year is { Length: > 0 })
        {
            if (int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999)
            {
                (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            }
            else
            {
                problems.Add($"“{Year}” is not a year; showing every year.");
                Year = null;
            }
        }

        string? text = null;
        if (Query is { Length: > 0 })
        {
            if (Query.Length > Limits.NameLength)
            {
                problems.Add($"The search is limited to {Limits.NameLength} characters.");
                Query = Query[..Limits.NameLength];
            }

            // The API's own check (GET /api/incidents?q=): a control character or an unpaired
            // surrogate is no text to search for, and PostgreSQL refuses a NUL outright.
            var errors = new ValidationErrors();
            if (errors.Text("q", Query, Limits.NameLength) is { } valid)
            {
                text = SourceNames.Normalize(valid);
            }
            else if (!errors.IsEmpty)
            {
                problems.Add($"The search {string.Join(' ', errors.ToDictionary()["q"])} Showing every incident.");
                Query = null;
            }
        }

        var sort = ByToll ? ListingSort.Toll : ListingSort.Date;
        ListingCursor? start = null;
        if (Cursor is { Length: > 0 } && (start = ListingCursor.Decode(Cursor, sort)) is null)
        {
            problems.Add("That page of the list is not one this page made (or the order changed); showing the first page.");
            Cursor = null;
        }

        var filter = new ListingFilter(country, from, to, text);
        var page = await listings.PageAsync(filter, sort, start, PageSize, cancellationToken);
        (Total, TotalIsMore) = await listings.CountAsync(filter, cancellationToken);
        Rows = [.. page.Items.Select(l => new IncidentRow(l))];
        (Next, Previous) = (page.Next, page.Previous);
        Countries = await listings.CountriesAsync(cancellationToken);
        Problems = problems;
    }

    /// <summary>This page's address with one parameter changed (null removes it); any other change starts from the first page.</summary>
    public string With(string name, string? value)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Query,
            ["country"] = Country,
            ["year"] = Year,
            ["sort"] = Sort,
            ["cursor"] = null,
        };
        parameters[name] = value;
        var pairs = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        return "/?" + string.Join("&", pairs);
    }
}
