namespace AttackTracker.Domain.Exchange;

/// <summary>Bytes that are not text in the charset the input was opened with: the physical line they are on, and why.</summary>
public sealed class TextDecodingException(int line, string reason) : Exception($"Line {line}: {reason}")
{
    public int Line { get; } = line;

    /// <summary>The message without its line, for a caller that names the line itself.</summary>
    public string Reason { get; } = reason;
}
