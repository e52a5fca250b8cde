using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class GetImportJobEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Data exchange")
            .WithSummary("An import job: its state, rows read, imported, unchanged and rejected, its rate and the time it expects to need.");
    }

    [WolverineGet("/api/import/jobs/{id}", OperationId = "getImportJob")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Get(Guid id, ImportJobs jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return await jobs.GetAsync(id, cancellationToken) is { } job ? TypedResults.Ok(job) : Problems.NotFound($"Import job {id}");
    }
}
