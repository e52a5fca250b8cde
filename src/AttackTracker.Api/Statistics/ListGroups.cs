using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Statistics;

public static class ListGroupsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<GroupPage>().ProducesValidationProblem()
            .WithTags("Statistics")
            .WithSummary("Every perpetrator group tied to an incident by a claim or an attribution, with its incidents and casualty totals.")
            .AnswersNotModified()
            .WithQuery(StatsParameters.Filter(), [StatsParameters.Sort()], OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/groups", OperationId = "listGroups")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(
        StatsReader stats, HttpContext http, string? country, string? from, string? to, string? group, string? sort, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var errors = new ValidationErrors();
        var filter = StatsParameters.ReadFilter(country, from, to, group, errors);
        var order = StatsParameters.ReadSort(sort, errors);
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return ETags.Json(http, await stats.GroupsAsync(filter, order, number, size, cancellationToken));
    }
}
