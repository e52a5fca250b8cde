using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Exchange;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public sealed record ImportRejectionPage(Guid Job, int Page, int PageSize, long Total, IReadOnlyList<GtdRowError> Items);

public static class ListImportRejectionsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportRejectionPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Data exchange")
            .WithQuery(OpenApiMetadata.Pages(100))
            .WithSummary("The rows an import job refused, by line, with the column at fault and why.");
    }

    [WolverineGet("/api/import/jobs/{id}/rejections", OperationId = "listImportRejections")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Get(Guid id, ImportJobs jobs, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 100, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return Problems.NotFound($"Import job {id}");
        }

        return TypedResults.Ok(new ImportRejectionPage(id, number, size, job.Rejected, await jobs.RejectionsAsync(id, (number - 1) * size, size, cancellationToken)));
    }
}
