using System.Globalization;
using AttackTracker.Api.Infrastructure;
using AttackTracker.Api.Security;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Incidents;
using AttackTracker.Incidents.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AttackTracker.Api.Incidents;

public static class IncidentEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents");
        group.MapPost("/", Open)
            .DescribedAsWrite<OpenIncidentRequest, IncidentView>()
            .RequireAuthorization(SecuritySetup.WritePolicy)
            .WithSummary("Opens an incident: its stream starts with IncidentOpened.");
        group.MapGet("/", List).RequireAuthorization(SecuritySetup.ReadPolicy).WithSummary("Incident summaries, newest first, filtered by country, dates and title text.");
        group.MapGet("/{id:guid}", Get)
            .Produces<IncidentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("The incident view; with asOf, recordedAsOf and/or version, the view at that point.");
        return app;
    }

    public static async Task<IResult> Open(
        HttpContext http, IncidentWriter writer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (IncidentWrites.ReadHeaders(http.Request, out _, out var key) is { } badHeader)
        {
            return badHeader;
        }

        var body = await JsonBody.ReadAsync<OpenIncidentRequest>(http.Request, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var errors = new ValidationErrors();
        var opened = OpenIncident.Decide(Guid.CreateVersion7(), body.Value!, clock.GetUtcNow(), errors);
        if (opened is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var idempotency = key is null ? null : new IdempotencyRequest(key, IdempotencyKeys.Fingerprint(http.Request, body.Raw));
        var outcome = await writer.OpenAsync(opened, WriteContext.From(http), idempotency, cancellationToken);
        return IncidentWrites.ToResult(outcome, http, IncidentWriter.Location, "The incident");
    }

    public static async Task<Results<Ok<IncidentPage>, ValidationProblem>> List(
        IncidentQueries queries, string? country, string? from, string? to, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        DateOnly? Date(string name, string? text)
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

        var fromDate = Date("from", from);
        var toDate = Date("to", to);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }

        var query = errors.Text("q", q, Limits.NameLength);
        if (page is < 1)
        {
            errors.Add("page", "must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"must be 1 to {MaxPageSize}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return TypedResults.Ok(await queries.ListAsync(new IncidentFilter(country, fromDate, toDate, query, page ?? 1, pageSize ?? 20), cancellationToken));
    }

    public static async Task<IResult> Get(
        Guid id, HttpContext http, IncidentQueries queries, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var point = TimePoints.Read(string.Empty, http.Request.Query, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (point is not null)
        {
            return await TimeTravelEndpoints.PastView(id, point, machine, cancellationToken);
        }

        var stored = await queries.ViewAsync(id, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound($"Incident {id}");
        }

        var etag = ETags.For(stored.Version);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "W/" + etag || t == "*"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Content(stored.Json, "application/json", System.Text.Encoding.UTF8);
    }
}
