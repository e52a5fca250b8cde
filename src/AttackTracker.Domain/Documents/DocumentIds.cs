using System.Security.Cryptography;
using System.Text;

namespace AttackTracker.Domain.Documents;

/// <summary>A document's address: the SHA-256 of its text's UTF-8 bytes, as 64 lowercase hex digits, and the id of its stream.</summary>
public static class DocumentIds
{
    public const int Length = 64;

    private static readonly Guid Space = new("5f0b7a52-8f7e-4c39-9d0a-6c3e2d1b9a01");

    public static string For(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The document's stream: derived from its address, so that a write finds it without an index.</summary>
    public static Guid StreamId(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return StableId.For(Space, documentId);
    }

    /// <summary>64 hex digits, either case (an address is compared in lowercase).</summary>
    public static bool IsId(string? value) => value is { Length: Length } && value.All(char.IsAsciiHexDigit);

    public static string? Normalize(string? value) => IsId(value) ? value!.ToLowerInvariant() : null;
}
