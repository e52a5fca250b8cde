using System.Globalization;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Statistics;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AttackTracker.Api.Web;

/// <summary>
/// The statistics (/stats): totals across incidents by year, country or both (or group, attack or
/// weapon type), with their ranges and how many incidents leave a figure unreported, now or as
/// published by a date. The same reader and the same answer as GET /api/stats. Bad values are
/// ignored with a message, never an error page.
/// </summary>
public sealed class StatisticsModel(IQuerySession session, StatsReader stats) : PageModel
{
    public const int PageSize = 50;

    public static IReadOnlyList<(string Value, string Text)> GroupByChoices { get; } =
    [
        ("year", "Year"), ("country", "Country"), ("country,year", "Country and year"),
        ("group", "Perpetrator group"), ("attackType", "Attack type"), ("weaponType", "Weapon type"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? GroupBy { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public string? PageText { get; set; }

    public StatsDimension By { get; private set; } = StatsDimension.Year;

    public StatsPage Answer { get; private set; } = null!;

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        GroupBy = Keep(GroupBy, g => StatsParameters.GroupBys.ContainsKey(g), "is not a grouping; grouping by year", problems) ?? "year";
        By = StatsParameters.GroupBys[GroupBy];
        Country = Keep(Country, Domain.Countries.IsCode, "is not a country code; showing every country", problems);
        From = Keep(From, IsDate, "is not a date (YYYY-MM-DD); no earliest date", problems);
        To = Keep(To, IsDate, "is not a date (YYYY-MM-DD); no latest date", problems);
        if (From is not null && To is not null && string.CompareOrdinal(From, To) > 0)
        {
            problems.Add($"The first date ({From}) is after the last ({To}); showing every date.");
            (From, To) = (null, null);
        }

        var errors = new ValidationErrors();
        var asOf = TimePoints.Instant("asOf", AsOf, errors);
        if (!errors.IsEmpty)
        {
            problems.Add($"“{AsOf}” is not a date; showing the current record.");
            AsOf = null;
        }

        PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= Http.Paging.MaxPage ? page : 1;
        var filter = new StatsFilter(Country, Date(From), Date(To), null);
        Answer = await stats.ReadAsync(new StatsQuery(By, filter, StatsSort.Key, PageNumber, PageSize, asOf), cancellationToken);
        Countries = [.. (await session.Query<IncidentListing>().Where(x => x.Country != null).Select(x => x.Country!).Distinct().ToListAsync(cancellationToken)).Order(StringComparer.Ordinal)];
        Problems = problems;
    }

    public int Pages => (int)Math.Max(1, Math.Ceiling(Answer.Total / (double)PageSize));

    /// <summary>What the rows are keyed by, as column headings.</summary>
    public IReadOnlyList<string> KeyHeadings => By switch
    {
        StatsDimension.Country => ["Country"],
        StatsDimension.Year => ["Year"],
        StatsDimension.CountryYear => ["Country", "Year"],
        StatsDimension.Group => ["Group"],
        StatsDimension.AttackType => ["Attack type"],
        _ => ["Weapon type"],
    };

    /// <summary>A row's key, as cells under <see cref="KeyHeadings"/>.</summary>
    public IReadOnlyList<string> KeyCells(StatsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var country = row.Key.Country is { } code ? Figures.CountryName(code) : "unknown";
        var year = row.Key.Year?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        return By switch
        {
            StatsDimension.Country => [country],
            StatsDimension.Year => [year],
            StatsDimension.CountryYear => [country, year],
            _ => [row.Label ?? "unknown"],
        };
    }

    /// <summary>The point of the totals, in words.</summary>
    public string PointText() => Answer.AsOf is { } asOf
        ? $"As published by {(asOf.UtcDateTime.TimeOfDay.Ticks == TimeSpan.TicksPerDay - 1 ? $"the end of {Figures.Day(asOf)} (UTC)" : Figures.Moment(asOf))}, from every incident's view at that point."
        : Answer.Progress.CaughtUp
            ? "The current record: the totals take in every recorded event."
            : $"The current record, {Answer.Progress.Lag} event{(Answer.Progress.Lag == 1 ? "" : "s")} behind: the totals are being updated. Reload in a moment.";

    /// <summary>The same question to the API, for a CSV download with curl.</summary>
    public string ApiQuery() => $"{Request.Scheme}://{Request.Host}/api/stats?" + Query(page: 1);

    /// <summary>This page's address with the page number changed.</summary>
    public string WithPage(int number) => "/stats?" + Query(number);

    /// <summary>The page's question as a query string, the empty parameters (and page 1) left out.</summary>
    private string Query(int page)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["groupBy"] = GroupBy,
            ["country"] = Country,
            ["from"] = From,
            ["to"] = To,
            ["asOf"] = AsOf,
            ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        };
        return string.Join("&", parameters.Where(p => p.Value is { Length: > 0 }).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    private static string? Keep(string? value, Func<string, bool> valid, string problem, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length <= Limits.NameLength && valid(value))
        {
            return value;
        }

        problems.Add($"“{(value.Length > 40 ? value[..40] + "…" : value)}” {problem}.");
        return null;
    }

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
