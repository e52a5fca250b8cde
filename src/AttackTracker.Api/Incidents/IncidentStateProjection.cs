using AttackTracker.Api.Store;
using AttackTracker.Domain.Identity;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;

namespace AttackTracker.Api.Incidents;

/// <summary>
/// Keeps each incident's folded state inline with its stream, with the domain's one fold
/// (<see cref="IncidentFold.Evolve"/>), and beside it the incident's listing and a snapshot at every
/// hundredth version. The listing and the snapshots are stored through the session the projection
/// runs in: the appending session inline, the daemon's batch in a rebuild, so a rebuild writes them
/// again too (they are published types, torn down with the state).
/// </summary>
public sealed partial class IncidentStateProjection : SingleStreamProjection<IncidentState, Guid>
{
    public IncidentStateProjection()
    {
        Name = "incident_state";
        // A rebuild reads pages of this many events: measured over 100,000 events here, pages of
        // 5,000 rebuild in about 0.8 of the time of Marten's default 500.
        Options.BatchSize = 5_000;
        foreach (var type in Store.EventTypes.OfIncident)
        {
            IncludeType(type);
        }

        RegisterPublishedType(typeof(IncidentListing));
        RegisterPublishedType(typeof(IncidentSnapshot));
    }

    public static void MapDocuments(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The search text is searched through a trigram index on the document (Sql/0011), not a column.
        options.Schema.For<IncidentListing>()
            .Duplicate(x => x.Country)
            .Duplicate(x => x.OccurredOn!, pgType: "date")
            // near= filters a box of latitudes and longitudes on these columns' indexes, then the exact distance.
            .Duplicate(x => x.Latitude!, pgType: "double precision")
            .Duplicate(x => x.Longitude!, pgType: "double precision")
            // The list's keyset and search indexes are the project's own (Sql/0011): Marten's
            // migration would otherwise drop them at every start, and 0011 build them again, which
            // at 200,000 incidents took minutes and held every write to a listing meanwhile.
            .IgnoreIndex("listing_by_date")
            .IgnoreIndex("listing_by_country_date")
            .IgnoreIndex("listing_by_toll")
            .IgnoreIndex("listing_search");
        options.Schema.For<IncidentSnapshot>()
            .Duplicate(x => x.IncidentId)
            .Duplicate(x => x.Version)
            // Time travel on the recording axis picks the last snapshot recorded by T: a column,
            // so the choice never reads the snapshots' (large) state documents.
            .Duplicate(x => x.RecordedAt);
    }

    public override async ValueTask<(IncidentState?, ActionType)> DetermineActionAsync(
        IQuerySession session,
        IncidentState? snapshot,
        Guid identity,
        IIdentitySetter<IncidentState, Guid> identitySetter,
        IReadOnlyList<IEvent> events,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(events);
        // The session is the one whose unit of work this projection's changes go into: the
        // appending session inline, the daemon's batch session in a rebuild. Both write documents.
        var operations = (IDocumentOperations)session;
        var state = snapshot ?? IncidentState.Initial;
        // A stored state that is missing or behind (a rebuild that did not finish) is folded up to
        // the first new event from the stream itself, so what is stored is never the new events alone.
        if (events.Count > 0 && events[0].Version > state.Version + 1)
        {
            var earlier = await session.Events.FetchStreamAsync(identity, events[0].Version - 1, fromVersion: state.Version + 1, token: cancellation);
            state = earlier.Fold(state);
        }

        foreach (var e in events)
        {
            var before = state.Version;
            state = IncidentFold.Evolve(state, e.ToStreamEvent());
            if (state.Version > before && IncidentSnapshot.IsDue(state.Version))
            {
                operations.Store(IncidentSnapshot.Of(state with { Id = identity }));
            }
        }

        state = state with { Id = identity };
        operations.Store(IncidentListing.Of(await WithAbsorbedAsync(session, state, cancellation)));
        return (state, ActionType.Store);
    }

    /// <summary>
    /// A survivor's listing shows its state combined with the incidents merged into it, as their
    /// streams stood by its last recorded time (the view's rule: docs/identity.md). Their events
    /// are read only for a survivor, so other writes keep their round trips.
    /// </summary>
    private static async Task<IncidentState> WithAbsorbedAsync(IQuerySession session, IncidentState state, CancellationToken cancellation)
    {
        if (state.Absorbed.IsEmpty)
        {
            return state;
        }

        var absorbed = await AbsorbedStreams.FetchAsync(session, state.Absorbed.Select(m => m.OtherId), state.LastRecordedAt, cancellation);
        return IncidentMerges.WithAbsorbed(state, absorbed.Events);
    }
}
