using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Statistics;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Statistics;

public static class GetGroupEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<GroupProfileView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Statistics")
            .WithSummary("A perpetrator group's profile across incidents (by any of its names; another name than its own answers with a canonical Link): its spellings, countries, what it claimed through which channel, the casualties attributed, and its incidents in order of occurrence.")
            .AnswersNotModified()
            .WithQuery(OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/groups/{slug}", OperationId = "getGroup")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(StatsReader stats, HttpContext http, string slug, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(slug);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        // A name works as well as its slug: "Islamic State" finds islamic-state.
        var key = slug.Length > Limits.NameLength ? "" : GroupNames.Slug(slug);
        if (key.Length == 0)
        {
            errors.Add("slug", $"must name a group: letters or digits, up to {Limits.NameLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await stats.GroupAsync(key, number, size, cancellationToken) is not { } profile)
        {
            return Problems.NotFound($"Group '{key}'");
        }

        // Asked by another of its names: the group's own address is the preferred one (RFC 6596).
        if (profile.Profile.Slug != key)
        {
            http.Response.Headers.Link = $"<{Groups.GroupWrites.Location(profile.Profile.Slug)}>; rel=\"canonical\"";
        }

        return ETags.Json(http, profile);
    }
}
