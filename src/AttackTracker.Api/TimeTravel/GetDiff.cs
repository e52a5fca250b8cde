using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Domain;
using AttackTracker.Domain.Audit;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.TimeTravel;

public sealed record DiffView(ViewPoint From, ViewPoint To, long FromVersion, long ToVersion, IReadOnlyList<FieldChange> Changes);

public static class GetDiffEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<DiffView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Time travel and audit")
            .WithSummary("The fields that differ between two points, each given on any axis.")
            .WithQuery(OpenApiMetadata.TimePoint("from"), OpenApiMetadata.TimePoint("to"));
    }

    [WolverineGet("/api/incidents/{id}/diff", OperationId = "getDiff")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(machine);
        var errors = new ValidationErrors();
        var from = TimePoints.Read("from", http.Request.Query, errors) ?? new ViewPoint(null, null, 0);
        var to = TimePoints.Read("to", http.Request.Query, errors) ?? ViewPoint.Current;
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var before = await machine.StateAsync(session, id, from.Version, from.RecordedAsOf, cancellationToken);
        var after = await machine.StateAsync(session, id, to.Version, to.RecordedAsOf, cancellationToken);
        if (before is PastState.Found older && after is PastState.Found newer)
        {
            // Each side as its view reads it, with the facts of the incidents merged into it then.
            var changes = ViewDiff.Between(
                IncidentViewBuilder.Build(id, await machine.WithAbsorbedAsync(session, older.State, cancellationToken), from),
                IncidentViewBuilder.Build(id, await machine.WithAbsorbedAsync(session, newer.State, cancellationToken), to));
            return TypedResults.Ok(new DiffView(from, to, older.State.Version, newer.State.Version, changes));
        }

        return (before as PastState.BeyondEnd ?? after as PastState.BeyondEnd) is { } beyond
            ? Problems.NotFound($"Version {beyond.Requested} of incident {id} (the stream is at version {beyond.Current})")
            : Problems.NotFound($"Incident {id}");
    }
}
