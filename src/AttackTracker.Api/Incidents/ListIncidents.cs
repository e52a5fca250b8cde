using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Sources;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Incidents;

public sealed record IncidentListItem(
    Guid Id, string? Title, DateOnly? OccurredOn, string? Country, int? KilledBest, int? WoundedBest, int ReportCount, long Version,
    double? Latitude = null, double? Longitude = null, double? DistanceKm = null);

/// <summary>
/// A page of the incident list: the incidents, how many pass the filter (<see cref="Total"/>, or past
/// <see cref="ListingQuery.CountLimit"/> only <see cref="TotalAbove"/>), and the cursors of the next
/// and previous pages (absent at an end).
/// </summary>
public sealed record IncidentPage(IReadOnlyList<IncidentListItem> Items, int PageSize, long? Total, long? TotalAbove, string? Next, string? Previous);

public static class ListIncidentsEndpoint
{
    public static readonly IReadOnlyDictionary<string, ListingSort> Sorts = new Dictionary<string, ListingSort>(StringComparer.Ordinal)
    {
        ["date"] = ListingSort.Date,
        ["toll"] = ListingSort.Toll,
    };

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<IncidentPage>().ProducesValidationProblem()
            .WithTags("Incidents")
            .WithSummary("Incident summaries, newest first (or most killed first), filtered by country, dates, text and distance from a point, a page at a time: each page gives the cursors of the next and previous ones.")
            .WithQuery(
                [new QueryParameter("country", QueryValue.Country, "Only incidents in this country (ISO 3166-1 alpha-2).")],
                [new QueryParameter("from", QueryValue.Date, "Only incidents that occurred on or after this date.")],
                [new QueryParameter("to", QueryValue.Date, "Only incidents that occurred on or before this date.")],
                OpenApiMetadata.Text("q", "Only incidents whose title, place, summary or a source's name contains this text (case- and accent-insensitive).", Limits.NameLength),
                [new QueryParameter("sort", QueryValue.Choice, "Order: date (newest first, the default) or toll (most killed first, the unreported last, then newest).", Choices: [.. Sorts.Keys])],
                [new QueryParameter("cursor", QueryValue.Text, "Where the page starts: the next or previous cursor of the page before, as it came. Without one, the first page.", MaxLength: 200)],
                NearQuery.Parameters,
                [new QueryParameter("pageSize", QueryValue.Whole, $"Items per page, 1 to {Paging.MaxPageSize} (default 20).", 1, Paging.MaxPageSize)]);
    }

    [WolverineGet("/api/incidents", OperationId = "listIncidents")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(
        ListingQuery listings, string? country, string? from, string? to, string? q, string? near, string? within, string? sort, string? cursor, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var errors = new ValidationErrors();
        var fromDate = QueryDates.Parse("from", from, errors);
        var toDate = QueryDates.Parse("to", to, errors);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }

        var text = errors.Text("q", q, Limits.NameLength);
        var order = ListingSort.Date;
        if (sort is not null && !Sorts.TryGetValue(sort, out order))
        {
            errors.Add("sort", $"must be one of {string.Join(", ", Sorts.Keys)}.");
        }

        var (_, size) = Paging.Read(null, pageSize, 20, errors);
        ListingCursor? start = null;
        if (cursor is not null && errors.IsEmpty && (start = ListingCursor.Decode(cursor, order)) is null)
        {
            errors.Add("cursor", "must be the next or previous cursor of a page of this list, in the same order, as it came.");
        }

        var circle = NearQuery.Read(near, within, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var filter = new ListingFilter(country, fromDate, toDate, text is null ? null : SourceNames.Normalize(text), circle);
        var page = await listings.PageAsync(filter, order, start, size, cancellationToken);
        var (count, more) = await listings.CountAsync(filter, cancellationToken);
        return TypedResults.Ok(new IncidentPage(
            [.. page.Items.Select(l => new IncidentListItem(
                l.Id, l.Title, l.OccurredOn, l.Country, l.KilledBest, l.WoundedBest, l.ReportCount, l.Version, l.Latitude, l.Longitude, circle?.DistanceKm(l)))],
            size,
            more ? null : count,
            more ? count : null,
            page.Next,
            page.Previous));
    }
}
