using System.Diagnostics;
using AttackTracker.EventStore;
using AttackTracker.Incidents.Incidents;

namespace AttackTracker.Api.Infrastructure;

/// <summary>Who is writing and which request it belongs to; becomes every event's metadata.</summary>
public sealed record WriteContext(string RecordedBy, string CorrelationId)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WriteContext From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Headers[CorrelationHeader].ToString();
        var correlation = given.Length is > 0 and <= 100 && given.All(c => c is >= '!' and <= '~')
            ? given
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var by = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : IncidentProjection.Anonymous;
        return new WriteContext(by, correlation);
    }

    public EventMetadata Metadata(IReadOnlyDictionary<string, string>? headers = null) =>
        new() { CorrelationId = CorrelationId, RecordedBy = RecordedBy, Headers = headers };
}
