using AttackTracker.Api.Keys;
using AttackTracker.Api.Reports;
using AttackTracker.Domain.Sources;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Sources;

public sealed record SourceSummaryView(Guid Id, string Name, SourceKind Kind, Reliability Reliability, string? Url, DateTimeOffset RegisteredAt, long ReportCount);

public static class ListSourcesEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<IReadOnlyList<SourceSummaryView>>()
            .WithTags("Sources")
            .WithSummary("Every source with its reliability grade and how many reports cite it.");
    }

    [WolverineGet("/api/sources", OperationId = "listSources")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sources = await session.Query<SourceView>().OrderBy(s => s.NormalizedName).ToListAsync(cancellationToken);
        var batch = session.CreateBatchQuery();
        var counts = sources.Select(s => batch.Query<ReportIndexEntry>().Where(r => r.SourceId == s.Id).Count()).ToList();
        await batch.Execute(cancellationToken);
        var views = new List<SourceSummaryView>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            views.Add(new SourceSummaryView(s.Id, s.Name, s.Kind, s.Reliability, s.Url, s.RegisteredAt, await counts[i]));
        }

        return TypedResults.Ok<IReadOnlyList<SourceSummaryView>>(views);
    }
}
