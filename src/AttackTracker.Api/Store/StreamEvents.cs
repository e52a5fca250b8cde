using AttackTracker.Domain;
using AttackTracker.Domain.Incidents;
using JasperFx.Events;

namespace AttackTracker.Api.Store;

public static class StreamEvents
{
    /// <summary>Marten's event as the domain's fold reads it.</summary>
    public static StreamEvent ToStreamEvent(this IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new StreamEvent(e.Data, e.Version, e.Timestamp, e.UserName ?? IncidentFold.Anonymous, e.CorrelationId);
    }

    public static IncidentState Fold(this IEnumerable<IEvent> events, IncidentState? from = null) =>
        IncidentFold.Fold(events.Select(ToStreamEvent), from);
}
