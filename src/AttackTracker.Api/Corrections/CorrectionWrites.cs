using AttackTracker.Api.Http;
using AttackTracker.Domain.Corrections;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace AttackTracker.Api.Corrections;

/// <summary>
/// A correction is decided under the incident's lock, against exactly the version it is
/// appended after: field errors are 400, a conflict with the record (a fact already retracted) is
/// 409, and either writes nothing.
/// </summary>
public static class CorrectionWrites
{
    public static async Task<(IResult, Events)> WriteAsync<TRequest>(
        Guid id,
        WriteRequest<TRequest> request,
        IEventStream<IncidentState> incident,
        IncidentWrites writes,
        IDocumentSession session,
        IMessageBus bus,
        HttpContext http,
        Func<TRequest, IncidentState, CorrectionDecision> decide,
        CancellationToken cancellationToken)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(decide);
        var write = await writes.BeginAsync(request, incident, session, http, id, cancellationToken);
        if (write.Answer is { } answer)
        {
            return (answer, []);
        }

        var state = incident.Aggregate!;
        var decision = decide(request.Command, state);
        if (!decision.Errors.IsEmpty)
        {
            return (Problems.Validation(decision.Errors.ToDictionary()), []);
        }

        if (decision.Conflict is { } conflict)
        {
            return (Problems.Conflict("The correction conflicts with the record.", conflict), []);
        }

        var recordedAt = await write.RecordedAtAsync(state.LastRecordedAt, cancellationToken);
        var recorded = new CorrectionRecorded(id, Guid.CreateVersion7(), state.Version + 1, decision.Event!);
        var e = write.Stamp(decision.Event!, recordedAt, recorded.EventId);
        await write.RecordChangesAsync(bus, id, state, [e]);
        return (write.Created(recorded, recorded.Location, recorded.Version), [e]);
    }
}
