namespace AttackTracker.Domain.Exchange;

/// <summary>Bytes that are not text in the charset the input was opened with, and the physical line they are on.</summary>
public sealed class TextDecodingException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
