using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class ExportGtdEndpoint
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .WithTags("Data exchange")
            .WithQuery(Filters())
            .WithSummary("Every incident as one row in the Global Terrorism Database's columns and codes, with the record's ranges and statuses (docs/export.md).");
    }

    public static IEnumerable<QueryParameter> Filters() =>
    [
        new("country", QueryValue.Country, "Only incidents in this country (ISO 3166-1 alpha-2, or ISO 3166-3 for a former state such as SUHH)."),
        new("from", QueryValue.Date, "Only incidents that occurred on or after this date."),
        new("to", QueryValue.Date, "Only incidents that occurred on or before this date."),
        .. OpenApiMetadata.TimePoint().Where(p => p.Name != "version"),
    ];

    [WolverineGet("/api/export/gtd.csv", OperationId = "exportGtd")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static IResult Get(HttpContext http, GtdExporter exporter, ExportSlots slots)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(exporter);
        var errors = new ValidationErrors();
        var filter = Read(http.Request.Query, errors);
        if (filter is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        ArgumentNullException.ThrowIfNull(slots);
        return slots.Stream(http, (stream, aborted) => exporter.WriteAsync(stream, filter, aborted), ContentType, "attacktracker-gtd.csv");
    }

    /// <summary>The filter from the query: country, from and to on the date of occurrence, and a point on the publication or recording axis.</summary>
    public static ExportFilter? Read(IQueryCollection query, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(errors);
        string? Value(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
        var country = Value("country");
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", Countries.Expected);
        }

        var from = QueryDates.Parse("from", Value("from"), errors);
        var to = QueryDates.Parse("to", Value("to"), errors);
        if (from > to)
        {
            errors.Add("from", "must not be after 'to'.");
        }

        if (Value("version") is not null)
        {
            errors.Add("version", "names a point in one incident's stream; an export covers many: use asOf or recordedAsOf.");
        }

        var asOf = TimePoints.Instant("asOf", Value("asOf"), errors);
        var recordedAsOf = TimePoints.Instant("recordedAsOf", Value("recordedAsOf"), errors);
        return errors.IsEmpty ? new ExportFilter(country, from, to, asOf, recordedAsOf) : null;
    }
}
