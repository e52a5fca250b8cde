using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Sources;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>One row of the list: the listing and the reconciled killed and wounded figures.</summary>
public sealed record IncidentRow(IncidentListing Listing, Domain.Incidents.IncidentSummary? Figures);

/// <summary>
/// The incident list (/): search by title or place, filter by country and year, sort by date or
/// by the killed toll, 20 to a page. Bad filter values are ignored with a message, never an error page.
/// </summary>
public sealed class IndexModel(IQuerySession session) : PageModel
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

    [BindProperty(SupportsGet = true, Name = "page")]
    public string? PageText { get; set; }

    public IReadOnlyList<IncidentRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public long Total { get; private set; }

    public bool ByToll => Sort == "toll";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var query = session.Query<IncidentListing>().AsQueryable();
        if (Country is { Length: > 0 })
        {
            if (Domain.Countries.IsCode(Country))
            {
                query = query.Where(x => x.Country == Country);
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
                var start = new DateOnly(year, 1, 1);
                var end = new DateOnly(year, 12, 31);
                query = query.Where(x => x.OccurredOn >= start && x.OccurredOn <= end);
            }
            else
            {
                problems.Add($"“{Year}” is not a year; showing every year.");
                Year = null;
            }
        }

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
            if (errors.Text("q", Query, Limits.NameLength) is { } text)
            {
                var normalized = SourceNames.Normalize(text);
                query = query.Where(x => x.SearchText.Contains(normalized));
            }
            else if (!errors.IsEmpty)
            {
                problems.Add($"The search {string.Join(' ', errors.ToDictionary()["q"])} Showing every incident.");
                Query = null;
            }
        }

        PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= Http.Paging.MaxPage ? page : 1;
        var ordered = ByToll
            // Unreported tolls last: PostgreSQL sorts NULL first when descending.
            ? query.OrderBySql("(d.data ->> 'killedBest')::int DESC NULLS LAST, d.occurred_on DESC, d.id")
            : query.OrderByDescending(x => x.OccurredOn).ThenBy(x => x.Id);
        var listed = await ordered.ToPagedListAsync(PageNumber, PageSize, cancellationToken);
        Total = listed.TotalItemCount;
        var states = (await session.LoadManyAsync<IncidentState>(cancellationToken, listed.Select(l => l.Id))).ToDictionary(s => s.Id);
        Rows = [.. listed.Select(l => new IncidentRow(l, states.TryGetValue(l.Id, out var state) ? IncidentViewBuilder.Summarize(state) : null))];
        Countries = [.. (await session.Query<IncidentListing>().Where(x => x.Country != null).Select(x => x.Country!).Distinct().ToListAsync(cancellationToken)).Order(StringComparer.Ordinal)];
        Problems = problems;
    }

    /// <summary>This page's address with one parameter changed (null removes it).</summary>
    public string With(string name, string? value)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Query,
            ["country"] = Country,
            ["year"] = Year,
            ["sort"] = Sort,
            ["page"] = PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null,
        };
        parameters[name] = value;
        var pairs = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        return "/?" + string.Join("&", pairs);
    }
}
