using System.Text.Json;

namespace AttackTracker.Benchmarks;

public sealed record NoteAuthor(string UserId, string Name, string Team);

/// <summary>
/// The peers' ~1 KB payload (payload.json) as a typed event, so that the library pays for serializing
/// and deserializing a real record. Serialized with the store's default (web) settings it gives the
/// payload's JSON, which the raw baselines insert as is: the rows are identical.
/// </summary>
public sealed record IncidentNoteAdded(
    Guid IncidentId,
    string Type,
    string Severity,
    string Status,
    NoteAuthor ReportedBy,
    IReadOnlyList<string> Assignees,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> AffectedServices,
    string Note,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid CausationId,
    int SchemaVersion)
{
    public const string StoredName = "incident_note_added";
}

/// <summary>The payload, typed and as the JSON text the store writes for it.</summary>
public sealed record Payload(IncidentNoteAdded Event, string Json)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Payload Load(string path)
    {
        var note = JsonSerializer.Deserialize<IncidentNoteAdded>(File.ReadAllText(path), Web)
            ?? throw new InvalidDataException($"{path} holds no event.");
        return new Payload(note, JsonSerializer.Serialize(note, Web));
    }
}
