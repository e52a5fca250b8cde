using System.Globalization;
using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Sources;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Incidents;

public sealed record IncidentSummary(
    Guid Id, string? Title, DateOnly? OccurredOn, string? Country, int? KilledBest, int? WoundedBest, int ReportCount, long Version,
    double? Latitude = null, double? Longitude = null, double? DistanceKm = null);

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long Total);

public static class ListIncidentsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<IncidentPage>().ProducesValidationProblem()
            .WithTags("Incidents")
            .WithSummary("Incident summaries, newest first, filtered by country, dates and title text.")
            .WithQuery(
                [new QueryParameter("country", QueryValue.Country, "Only incidents in this country (ISO 3166-1 alpha-2).")],
                [new QueryParameter("from", QueryValue.Date, "Only incidents that occurred on or after this date.")],
                [new QueryParameter("to", QueryValue.Date, "Only incidents that occurred on or before this date.")],
                OpenApiMetadata.Text("q", "Only incidents whose title or place contains this text (case- and accent-insensitive).", Limits.NameLength),
                NearQuery.Parameters,
                OpenApiMetadata.Pages(20));
    }

    [WolverineGet("/api/incidents", OperationId = "listIncidents")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(
        IQuerySession session, string? country, string? from, string? to, string? q, string? near, string? within, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var errors = new ValidationErrors();
        var fromDate = Date("from", from, errors);
        var toDate = Date("to", to, errors);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }

        var text = errors.Text("q", q, Limits.NameLength);
        var circle = NearQuery.Read(near, within, errors);
        var (number, size) = Paging.Read(page, pageSize, 20, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var normalized = text is null ? null : SourceNames.Normalize(text);
        IQueryable<IncidentListing> Filtered()
        {
            var query = session.Query<IncidentListing>().AsQueryable();
            if (country is not null)
            {
                query = query.Where(x => x.Country == country);
            }

            if (fromDate is { } start)
            {
                query = query.Where(x => x.OccurredOn >= start);
            }

            if (toDate is { } end)
            {
                query = query.Where(x => x.OccurredOn <= end);
            }

            query = normalized is null ? query : query.Where(x => x.SearchText.Contains(normalized));
            return circle is null ? query : NearQuery.Filter(query, circle);
        }

        var listed = await Filtered().OrderByDescending(x => x.OccurredOn).ThenByDescending(x => x.Id).ToPagedListAsync(number, size, cancellationToken);
        // The paged query counts along with its rows; a page past the end has no row to count with.
        var total = listed.Count > 0 ? listed.TotalItemCount : await Filtered().CountAsync(cancellationToken);
        return TypedResults.Ok(new IncidentPage(
            [.. listed.Select(l => new IncidentSummary(
                l.Id, l.Title, l.OccurredOn, l.Country, l.KilledBest, l.WoundedBest, l.ReportCount, l.Version, l.Latitude, l.Longitude, circle?.DistanceKm(l)))],
            number,
            size,
            total));
    }

    public static DateOnly? Date(string name, string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, "must be a date (YYYY-MM-DD).");
        return null;
    }
}
