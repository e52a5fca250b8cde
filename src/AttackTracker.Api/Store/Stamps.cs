using JasperFx.Events;
using Marten;

namespace AttackTracker.Api.Store;

public static class Stamps
{
    /// <summary>
    /// An event ready for Marten: its id (a fact's id, a report's id, else a new UUIDv7), the
    /// commit's recorded time from <see cref="RecordingClock"/>, and its headers.
    /// </summary>
    public static IEvent Stamp(this IDocumentSession session, object data, DateTimeOffset recordedAt, Guid? id = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var e = session.Events.BuildEvent(data);
        e.Id = id ?? Guid.CreateVersion7();
        e.Timestamp = recordedAt;
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                e.SetHeader(name, value);
            }
        }

        return e;
    }

    public static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
