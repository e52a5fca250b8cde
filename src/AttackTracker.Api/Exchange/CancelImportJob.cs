using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Exchange;

public static class CancelImportJobEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<ImportJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("Data exchange")
            .WithSummary("Cancels a queued or running import job after its current batch; the rows it committed stay, and importing the file again completes it.");
    }

    [WolverineDelete("/api/import/jobs/{id}", OperationId = "cancelImportJob")]
    [Authorize(Policy = SecuritySetup.WritePolicy)]
    public static async Task<IResult> Delete(Guid id, ImportJobs jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (await jobs.CancelAsync(id, cancellationToken))
        {
            return TypedResults.Ok(await jobs.GetAsync(id, cancellationToken));
        }

        return await jobs.GetAsync(id, cancellationToken) is { } job
            ? Problems.Conflict("The import job is not running.", $"It is {job.State}.")
            : Problems.NotFound($"Import job {id}");
    }
}
