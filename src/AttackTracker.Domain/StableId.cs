using System.Security.Cryptography;
using System.Text;

namespace AttackTracker.Domain;

/// <summary>Ids derived from names (SHA-256, as RFC 9562 version 8 uuids): the same name always gives the same id.</summary>
public static class StableId
{
    public static Guid For(Guid space, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData([.. space.ToByteArray(bigEndian: true), .. Encoding.UTF8.GetBytes(name)]);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
