using AttackTracker.Api.Incidents;
using AttackTracker.Api.Store;
using AttackTracker.Domain.Incidents;
using AttackTracker.Domain.Statistics;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;

namespace AttackTracker.Api.Statistics;

/// <summary>
/// The async projection's own fold of one incident: the state as far as the daemon has handed it
/// events, and the last of them. It is the daemon's, apart from the inline state, so the
/// statistics are a fold of exactly the events below the projection's progress.
/// </summary>
public sealed record IncidentTally(Guid Id, IncidentState State, long LastSequence);

/// <summary>
/// Keeps, on Marten's async daemon, each incident's contribution to the statistics
/// (<see cref="IncidentContribution"/>): its own fold of the stream (<see cref="IncidentTally"/>)
/// and, beside it, the contribution computed once per slice of events the daemon hands over.
/// The statistics are SQL aggregates over the contributions (<see cref="StatsReader"/>).
/// An event the fold or the contribution cannot take is a poison event: it is thrown as Marten's
/// <see cref="ApplyEventException"/> for that event, which the daemon records as a dead letter
/// (SkipApplyErrors) and skips, and the rest of the incident's events go on being folded.
/// </summary>
public sealed partial class IncidentStatsProjection : SingleStreamProjection<IncidentTally, Guid>
{
    public const string ProjectionName = "incident_stats";

    /// <summary>Its row in mt_event_progression.</summary>
    public const string ProgressName = ProjectionName + ":All";

    public IncidentStatsProjection()
    {
        Name = ProjectionName;
        Options.BatchSize = 5_000;
        foreach (var type in IncidentStateProjection.EventTypes)
        {
            IncludeType(type);
        }

        RegisterPublishedType(typeof(IncidentContribution));
    }

    public static void MapDocuments(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<IncidentContribution>()
            .Duplicate(x => x.Country!)
            .Duplicate(x => x.OccurredOn!, pgType: "date")
            .GinIndexJsonData();
    }

    public override ValueTask<(IncidentTally?, ActionType)> DetermineActionAsync(
        IQuerySession session,
        IncidentTally? snapshot,
        Guid identity,
        IIdentitySetter<IncidentTally, Guid> identitySetter,
        IReadOnlyList<IEvent> events,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(events);
        var start = snapshot?.State ?? IncidentState.Initial;
        var state = start;
        var last = snapshot?.LastSequence ?? 0;
        foreach (var e in events)
        {
            state = Evolve(state, e);
            last = Math.Max(last, e.Sequence);
        }

        IncidentContribution? contribution;
        try
        {
            contribution = IncidentContribution.Of(identity, state, null, last);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Culprit(identity, start, events, ex);
        }

        var operations = (IDocumentOperations)session;
        if (contribution is not null)
        {
            operations.Store(contribution);
        }

        return ValueTask.FromResult<(IncidentTally?, ActionType)>((new IncidentTally(identity, state, last), ActionType.Store));
    }

    private static IncidentState Evolve(IncidentState state, IEvent e)
    {
        try
        {
            return IncidentFold.Evolve(state, e.ToStreamEvent());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ApplyEventException(e, ex);
        }
    }

    /// <summary>The first event of the slice after which the contribution cannot be computed (the slow path, only on a failure).</summary>
    private static ApplyEventException Culprit(Guid identity, IncidentState start, IReadOnlyList<IEvent> events, Exception failure)
    {
        var state = start;
        foreach (var e in events)
        {
            state = IncidentFold.Evolve(state, e.ToStreamEvent());
            try
            {
                IncidentContribution.Of(identity, state, null, e.Sequence);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new ApplyEventException(e, ex);
            }
        }

        return new ApplyEventException(events[^1], failure);
    }
}
