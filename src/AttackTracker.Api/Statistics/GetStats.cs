using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Statistics;

public static class GetStatsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<StatsPage>().ProducesValidationProblem()
            .WithTags("Statistics")
            .WithSummary("Totals across incidents: incidents, killed and wounded as sums of low, best and high (absent where no incident reports the figure, with how many do not), disputed and single-source counts, grouped by country, year, both, group, attack type or weapon type; with how far the projection has caught up. With Accept: text/csv, the rows as CSV (every row unless page or pageSize is given).")
            .AnswersNotModified()
            .AnswersCsv()
            .WithQuery(
                [new QueryParameter("groupBy", QueryValue.Choice, "What the rows are grouped by (default country).", Choices: [.. StatsParameters.GroupBys.Keys])],
                StatsParameters.Filter(),
                StatsParameters.Points(),
                [StatsParameters.Sort()],
                OpenApiMetadata.Pages(50));
    }

    [WolverineGet("/api/stats", OperationId = "getStats")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(
        StatsReader stats,
        HttpContext http,
        string? groupBy,
        string? country,
        string? from,
        string? to,
        string? group,
        string? asOf,
        string? recordedAsOf,
        string? sort,
        string? page,
        string? pageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var errors = new ValidationErrors();
        var by = Domain.Statistics.StatsDimension.Country;
        if (groupBy is not null && !StatsParameters.GroupBys.TryGetValue(groupBy, out by))
        {
            errors.Add("groupBy", $"must be one of {string.Join(", ", StatsParameters.GroupBys.Keys)}.");
        }

        var filter = StatsParameters.ReadFilter(country, from, to, group, errors);
        var point = TimePoints.Instant("asOf", asOf, errors);
        var recorded = TimePoints.Instant("recordedAsOf", recordedAsOf, errors);
        var order = StatsParameters.ReadSort(sort, errors);
        var (number, size) = Paging.Read(page, pageSize, 50, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.Vary = "Accept";
        if (StatsCsv.Wanted(http.Request))
        {
            // A download wants every row; paging applies only when asked for.
            var all = page is null && pageSize is null;
            var answer = await stats.ReadAsync(new StatsQuery(by, filter, order, all ? 1 : number, all ? int.MaxValue : size, point, recorded), cancellationToken);
            return ETags.Bytes(http, StatsCsv.Write(by, answer.Rows), StatsCsv.ContentType);
        }

        return ETags.Json(http, await stats.ReadAsync(new StatsQuery(by, filter, order, number, size, point, recorded), cancellationToken));
    }
}
