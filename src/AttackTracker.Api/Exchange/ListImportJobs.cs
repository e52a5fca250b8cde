using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public sealed record ImportJobPage(int Page, int PageSize, IReadOnlyList<ImportJobView> Items);

public static class ListImportJobsEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportJobPage>()
            .ProducesValidationProblem()
            .WithTags("Data exchange")
            .WithQuery(OpenApiMetadata.Pages(20))
            .WithSummary("Import jobs, newest first.");
    }

    [WolverineGet("/api/import/jobs", OperationId = "listImportJobs")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Get(ImportJobs jobs, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, 20, errors);
        return errors.IsEmpty
            ? TypedResults.Ok(new ImportJobPage(number, size, await jobs.ListAsync(null, (number - 1) * size, size, cancellationToken)))
            : Problems.Validation(errors.ToDictionary());
    }
}
