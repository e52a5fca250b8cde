using AttackTracker.Api.Http;
using AttackTracker.Api.Incidents;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Audit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.TimeTravel;

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, int Page, int PageSize, int Total);

public static class GetHistoryEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<HistoryPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Time travel and audit")
            .WithSummary("One entry per committed change, in recording order, with the fields it changed.")
            .WithQuery(
                OpenApiMetadata.Text("path", "Only changes to fields under this path of the view, such as casualties.wounded.", Limits.NameLength),
                OpenApiMetadata.Pages(20));
    }

    [WolverineGet("/api/incidents/{id}/history", OperationId = "getHistory")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(
        Guid id, string? path, string? page, string? pageSize, IQuerySession session, IncidentReader reader, HistoryCache histories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(histories);
        var errors = new ValidationErrors();
        var prefix = errors.Text("path", path, Limits.NameLength);
        var (number, size) = Paging.Read(page, pageSize, 20, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await reader.VersionAsync(session, id, cancellationToken) is not { } version)
        {
            return Problems.NotFound($"Incident {id}");
        }

        // Built once per version (HistoryCache); a path keeps the entries that changed something under it.
        var history = await histories.GetAsync(id, version, cancellationToken);
        var entries = prefix is null
            ? history
            : [.. history.Select(e => e with { Changes = ViewDiff.Under(e.Changes, prefix) }).Where(e => e.Changes.Count > 0)];
        return TypedResults.Ok(new HistoryPage([.. entries.Skip((number - 1) * size).Take(size)], number, size, entries.Count));
    }
}
