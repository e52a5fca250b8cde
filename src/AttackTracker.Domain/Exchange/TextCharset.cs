namespace AttackTracker.Domain.Exchange;

/// <summary>The charsets an import reads (<see cref="TextDecoding"/>).</summary>
public enum TextCharset
{
    Utf8,
    Windows1252,
    Latin1,
}
