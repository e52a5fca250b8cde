using AttackTracker.Api.Http;
using AttackTracker.Api.Keys;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AttackTracker.Api.Incidents;

public static class GetIncidentEndpoint
{
    public static void Configure(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Metadata.Produces<IncidentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithTags("Incidents")
            .WithQuery(OpenApiMetadata.TimePoint())
            .AnswersNotModified()
            .WithSummary("The incident view; with asOf, recordedAsOf and/or version, the view at that point.");
    }

    [WolverineGet("/api/incidents/{id}", OperationId = "getIncident")]
    [Authorize(Policy = SecuritySetup.ReadPolicy)]
    public static async Task<IResult> Get(
        Guid id, HttpContext http, IQuerySession session, IncidentViews views, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(views);
        var errors = new ValidationErrors();
        var point = TimePoints.Read(string.Empty, http.Request.Query, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (point is not null)
        {
            return await PastView(session, id, point, machine, cancellationToken);
        }

        if (await views.CurrentAsync(session, id, cancellationToken) is not { } current)
        {
            return Problems.NotFound($"Incident {id}");
        }

        var etag = ETags.For(current.Version);
        http.Response.Headers.ETag = etag;
        MergedInto(http, current.MergedInto);
        if (ETags.NoneMatch(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Content(current.Json, "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>
    /// An incident merged into another answers with its own view, which names the survivor
    /// (<c>mergedInto</c>), and a Link to the survivor as the canonical address (RFC 6596), so its
    /// history stays readable (docs/identity.md).
    /// </summary>
    public static void MergedInto(HttpContext http, Guid? survivor)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (survivor is { } id)
        {
            http.Response.Headers.Link = $"</api/incidents/{id}>; rel=\"canonical\"";
        }
    }

    /// <summary>The view at a point (GET /api/incidents/{id}?asOf=…&amp;recordedAsOf=…&amp;version=…), with the facts of the incidents merged into it then.</summary>
    public static async Task<IResult> PastView(IQuerySession session, Guid id, ViewPoint point, IncidentTimeMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(machine);
        return await machine.StateAsync(session, id, point.Version, point.RecordedAsOf, cancellationToken) switch
        {
            PastState.Found found => TypedResults.Ok(IncidentViewBuilder.Build(id, await machine.WithAbsorbedAsync(session, found.State, cancellationToken), point)),
            PastState.BeyondEnd beyond => Problems.NotFound($"Version {beyond.Requested} of incident {id} (the stream is at version {beyond.Current})"),
            _ => Problems.NotFound($"Incident {id}"),
        };
    }
}
