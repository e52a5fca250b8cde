namespace AttackTracker.EventStore.Tests;

public sealed record IncidentOpened(string Title, string Country);

public sealed record CasualtiesCounted(int Killed, int Wounded);

public sealed record NoteAdded(string Text);

public static class TestEvents
{
    public static void Register(EventTypeRegistry types)
    {
        types.Register<IncidentOpened>();
        types.Register<CasualtiesCounted>();
        types.Register<NoteAdded>();
    }

    public static EventData[] Notes(int count, string prefix = "note") =>
        [.. Enumerable.Range(1, count).Select(i => new EventData(new NoteAdded($"{prefix} {i}")))];
}
