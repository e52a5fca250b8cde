using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Groups;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Groups;

public sealed record GroupSuggestionPage(IReadOnlyList<GroupSuggestion> Items, int Page, int PageSize, long Total);

/// <summary>GET /api/groups/suggestions: names seen that are likely one group and are not yet, each with the signals that matched.</summary>
public static class ListGroupSuggestionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<GroupSuggestionPage>().ProducesValidationProblem()
            .WithTags("Groups")
            .WithSummary("Pairs of group names seen in claims and attributions that are likely one group and are not one yet, each with the signals that matched: an acronym in brackets, initials, the same words, or the data sets' own spellings.")
            .AnswersNotModified()
            .WithQuery(OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/groups/suggestions", OperationId = "listGroupSuggestions")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(GroupNamesTable names, HttpContext http, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var pairs = GroupSuggestions.Find(await names.NamesSeenAsync(cancellationToken), await names.ResolutionAsync(null, cancellationToken));
        return ETags.Json(http, new GroupSuggestionPage([.. pairs.Skip((number - 1) * size).Take(size)], number, size, pairs.Count));
    }
}
