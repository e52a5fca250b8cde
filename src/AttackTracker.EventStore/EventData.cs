namespace AttackTracker.EventStore;

/// <summary>An event to append: its data, its metadata, and optionally the id it should keep.</summary>
/// <param name="Data">The event; its CLR type must be registered in the <see cref="EventTypeRegistry"/>.</param>
/// <param name="Metadata">Correlation, causation, recorder and headers.</param>
/// <param name="EventId">The event's id; a new version 7 uuid when null.</param>
public sealed record EventData(object Data, EventMetadata? Metadata = null, Guid? EventId = null);
