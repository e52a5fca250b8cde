namespace AttackTracker.EventStore;

/// <summary>Who and what caused an event, stored beside its data.</summary>
public sealed record EventMetadata
{
    /// <summary>Ties together every event caused by one request or workflow.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The message or event that caused this one.</summary>
    public string? CausationId { get; init; }

    /// <summary>The principal that recorded the event.</summary>
    public string? RecordedBy { get; init; }

    /// <summary>Free headers (for example a report id or a publication time).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>No metadata.</summary>
    public static EventMetadata None { get; } = new();

    /// <summary>The header's value, or null.</summary>
    public string? Header(string name) => Headers is not null && Headers.TryGetValue(name, out var value) ? value : null;
}
