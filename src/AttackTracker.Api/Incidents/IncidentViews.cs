using System.Collections.Concurrent;
using System.Text.Json;
using AttackTracker.Api.TimeTravel;
using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using Marten;

namespace AttackTracker.Api.Incidents;

/// <summary>The current view's JSON at a version, with the version that is its ETag, and the incident it is merged into, if it is.</summary>
public sealed record CurrentView(long Version, string Json, Guid? MergedInto = null);

/// <summary>
/// Current incident views. A view is a pure function of the state at a version and events are
/// never changed, so the view built once for (incident, version) is that view for good: it is
/// kept in memory, and a read costs one look at the stream's version until the incident changes.
/// Every instance builds its own; none can serve another's stale view, because the version is
/// read from the database on every request. A survivor's view holds the facts of the incidents
/// merged into it, as of its version (<see cref="IncidentTimeMachine.WithAbsorbedAsync"/>).
/// </summary>
public sealed class IncidentViews(IncidentReader reader, IncidentTimeMachine machine)
{
    private const int Capacity = 500;
    private readonly ConcurrentDictionary<Guid, CurrentView> _views = new();

    public async Task<CurrentView?> CurrentAsync(IQuerySession session, Guid id, CancellationToken cancellationToken)
    {
        if (await reader.VersionAsync(session, id, cancellationToken) is not { } version)
        {
            return null;
        }

        if (_views.TryGetValue(id, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var state = await machine.WithAbsorbedAsync(session, await IncidentReader.StateAtAsync(session, id, version, cancellationToken), cancellationToken);
        var view = new CurrentView(state.Version, JsonSerializer.Serialize(IncidentViewBuilder.Build(id, state, ViewPoint.Current), IncidentJson.Options), state.MergedInto?.OtherId);
        if (_views.Count >= Capacity)
        {
            _views.Clear();
        }

        _views[id] = view;
        return view;
    }
}
