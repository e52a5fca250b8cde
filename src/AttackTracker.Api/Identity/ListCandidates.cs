using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Identity;

/// <summary>An incident's candidate duplicates, best first, with the window and minimum score they were found with.</summary>
public sealed record CandidateList(Guid IncidentId, int Window, double MinScore, IReadOnlyList<CandidateView> Items);

/// <summary>GET /api/incidents/{id}/candidates (docs/identity.md): the other incidents likely to be the same attack.</summary>
public static class ListCandidatesEndpoint
{
    public const int DefaultLimit = 10, MaxLimit = 100;

    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<CandidateList>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Incidents")
            .WithQuery(
                CandidateParameters.Declared,
                [new QueryParameter("limit", QueryValue.Whole, $"At most this many candidates, 1 to {MaxLimit} (default {DefaultLimit}).", 1, MaxLimit)])
            .WithSummary("The incidents likely to be the same attack, best first: same country, dates within the window, each with its score and the signals that matched (date, distance, place, tolls, groups, words). Pairs an editor rejected are left out.");
    }

    [WolverineGet("/api/incidents/{id}/candidates", OperationId = "listCandidates")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid id, CandidateQuery candidates, string? window, string? minScore, string? limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var errors = new ValidationErrors();
        var (days, score) = CandidateParameters.Read(window, minScore, errors);
        var most = Paging.Whole("limit", limit, 1, MaxLimit, $"must be 1 to {MaxLimit}.", errors) ?? DefaultLimit;
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await candidates.ForAsync(id, days, score, most, cancellationToken) is { } found
            ? TypedResults.Ok(new CandidateList(id, days, score, found))
            : Problems.NotFound($"Incident {id}");
    }
}
