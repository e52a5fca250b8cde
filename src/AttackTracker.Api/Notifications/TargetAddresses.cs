using System.Net;
using System.Net.Sockets;

namespace AttackTracker.Api.Notifications;

/// <summary>
/// Which addresses a webhook may not reach (outside Development, unless
/// Webhooks:AllowPrivateNetworks): every block of the IANA IPv4 and IPv6 special-purpose address
/// registries that is not globally reachable (loopback, private, shared, link-local, benchmarking,
/// documentation, reserved, the IETF protocol assignments, discard-only, unique local), multicast
/// and broadcast. An IPv6 address that carries an IPv4 one (IPv4-mapped, NAT64 64:ff9b::/96, 6to4)
/// is judged by that IPv4 address; the other forms that do (IPv4-compatible ::a.b.c.d, the
/// local-use NAT64 64:ff9b:1::/48, Teredo) are refused whole.
/// </summary>
public static class TargetAddresses
{
    private static readonly (byte[] Network, int Prefix)[] ClosedV4 =
    [
        V4("0.0.0.0", 8),         // "this network"
        V4("10.0.0.0", 8),        // private
        V4("100.64.0.0", 10),     // shared address space (carrier-grade NAT)
        V4("127.0.0.0", 8),       // loopback
        V4("169.254.0.0", 16),    // link-local, cloud metadata
        V4("172.16.0.0", 12),     // private
        V4("192.0.0.0", 24),      // IETF protocol assignments
        V4("192.0.2.0", 24),      // documentation (TEST-NET-1)
        V4("192.88.99.0", 24),    // 6to4 relay anycast, deprecated
        V4("192.168.0.0", 16),    // private
        V4("198.18.0.0", 15),     // benchmarking
        V4("198.51.100.0", 24),   // documentation (TEST-NET-2)
        V4("203.0.113.0", 24),    // documentation (TEST-NET-3)
        V4("224.0.0.0", 4),       // multicast
        V4("240.0.0.0", 4),       // reserved, and the limited broadcast 255.255.255.255
    ];

    private static readonly (byte[] Network, int Prefix)[] ClosedV6 =
    [
        V6("::", 8),              // unspecified, loopback, IPv4-compatible and -translated, reserved by the IETF
        V6("64:ff9b:1::", 48),    // NAT64 for local use
        V6("100::", 64),          // discard-only
        V6("2001::", 23),         // IETF protocol assignments: Teredo, benchmarking, ORCHID …
        V6("2001:db8::", 32),     // documentation
        V6("3fff::", 20),         // documentation
        V6("5f00::", 16),         // segment routing (SRv6) identifiers
        V6("fc00::", 7),          // unique local
        V6("fe80::", 10),         // link-local
        V6("fec0::", 10),         // site-local, deprecated
        V6("ff00::", 8),          // multicast
    ];

    private static readonly byte[] Nat64 = IPAddress.Parse("64:ff9b::").GetAddressBytes();
    private static readonly byte[] SixToFour = IPAddress.Parse("2002::").GetAddressBytes();

    /// <summary>True when a webhook must not connect to <paramref name="address"/>.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClosedV4.Any(block => Within(bytes, block.Network, block.Prefix));
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivate(address.MapToIPv4());
        }

        if (Within(bytes, Nat64, 96))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (Within(bytes, SixToFour, 16))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return ClosedV6.Any(block => Within(bytes, block.Network, block.Prefix));
    }

    private static bool Within(byte[] address, byte[] network, int prefix)
    {
        if (address.Length != network.Length)
        {
            return false;
        }

        var whole = prefix / 8;
        if (!address.AsSpan(0, whole).SequenceEqual(network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (network[whole] & mask);
    }

    private static (byte[], int) V4(string network, int prefix) => (IPAddress.Parse(network).GetAddressBytes(), prefix);

    private static (byte[], int) V6(string network, int prefix) => (IPAddress.Parse(network).GetAddressBytes(), prefix);
}
