namespace AttackTracker.EventStore;

/// <summary>An append found its stream at another version than it expected.</summary>
public class WrongExpectedVersionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WrongExpectedVersionException(Guid streamId, ExpectedVersion expected, long? actual)
        : base($"Stream {streamId} was expected at {expected} but is at {(actual is null ? "no stream" : actual.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
    {
        StreamId = streamId;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The stream.</summary>
    public Guid StreamId { get; }

    /// <summary>What the append expected.</summary>
    public ExpectedVersion Expected { get; }

    /// <summary>The stream's version when the append ran; null when the stream does not exist.</summary>
    public long? Actual { get; }
}

/// <summary>A stream was started that already exists.</summary>
/// <remarks>Creates the exception.</remarks>
public sealed class StreamAlreadyExistsException(Guid streamId, long actual)
    : WrongExpectedVersionException(streamId, ExpectedVersion.NoStream, actual);

/// <summary>An append was made to an archived stream.</summary>
/// <remarks>Creates the exception.</remarks>
public sealed class StreamArchivedException(Guid streamId)
    : InvalidOperationException($"Stream {streamId} is archived and accepts no more events.")
{
    /// <summary>The stream.</summary>
    public Guid StreamId { get; } = streamId;
}

/// <summary>A stored event's type name has no registered CLR type and no upcaster.</summary>
/// <remarks>Creates the exception.</remarks>
public sealed class UnknownEventTypeException(string typeName, long position)
    : InvalidOperationException($"The stored event type '{typeName}' (global position {position}) is not registered. Register its CLR type or an upcaster for this name.")
{
    /// <summary>The stored name.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>Where the event is stored.</summary>
    public long Position { get; } = position;
}

/// <summary>An event's CLR type was appended without being registered.</summary>
/// <remarks>Creates the exception.</remarks>
public sealed class UnregisteredEventTypeException(Type type)
    : InvalidOperationException($"The event type {type.FullName} is not registered; register it with a stable name before appending it.")
{
    /// <summary>The CLR type.</summary>
    public Type Type { get; } = type;
}
