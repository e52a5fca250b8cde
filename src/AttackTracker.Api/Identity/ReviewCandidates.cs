using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>GET /api/candidates (docs/identity.md): every candidate pair across the store, for review, a page at a time.</summary>
public static class ReviewCandidatesEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<CandidatePairPage>().ProducesValidationProblem()
            .WithTags("Incidents")
            .WithQuery(
                [new QueryParameter("country", QueryValue.Country, "Only pairs in this country (ISO 3166-1 alpha-2).")],
                [new QueryParameter("from", QueryValue.Date, "Only pairs whose later incident occurred on or after this date.")],
                [new QueryParameter("to", QueryValue.Date, "Only pairs whose later incident occurred on or before this date.")],
                CandidateParameters.Declared,
                [new QueryParameter("cursor", QueryValue.Text, "Where the page starts: the next cursor of the page before, as it came. Without one, the first page.", MaxLength: 200)],
                [new QueryParameter("pageSize", QueryValue.Whole, $"Pairs per page, 1 to {Paging.MaxPageSize} (default 20).", 1, Paging.MaxPageSize)])
            .WithSummary("Candidate duplicate pairs across the store, for review: newest first by the later incident of each pair, each pair once, with its score and signals; a page gives the cursor of the next. Rejected pairs are left out.");
    }

    [WolverineGet("/api/candidates", OperationId = "reviewCandidates")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(
        CandidateQuery candidates, string? country, string? from, string? to, string? window, string? minScore, string? cursor, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var errors = new ValidationErrors();
        var fromDate = QueryDates.Parse("from", from, errors);
        var toDate = QueryDates.Parse("to", to, errors);
        if (country is not null && !Countries.IsCode(country))
        {
            errors.Add("country", "must be an ISO 3166-1 alpha-2 code such as FR.");
        }

        var (days, score) = CandidateParameters.Read(window, minScore, errors);
        var (_, size) = Paging.Read(null, pageSize, 20, errors);
        CandidateCursor? start = null;
        if (cursor is not null && (start = CandidateCursor.Decode(cursor)) is null)
        {
            errors.Add("cursor", "must be the next cursor of a page of this list, as it came.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (items, next) = await candidates.PageAsync(new CandidateFilter(country, fromDate, toDate, score, days), start, size, cancellationToken);
        return TypedResults.Ok(new CandidatePairPage(items, size, next?.Encode()));
    }
}
