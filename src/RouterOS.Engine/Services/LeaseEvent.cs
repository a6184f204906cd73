using System.Globalization;
using System.Net;

namespace RouterOS.Engine.Services;

/// <summary>What the DHCP client's hook reported: the event (bound, renew, deconfig, leasefail, nak) and the lease.</summary>
/// <param name="Routers">Option 3, the first is the gateway.</param>
/// <param name="DnsServers">Option 6.</param>
public sealed record LeaseEvent(string Event, IPAddress? Address, byte PrefixLength, IReadOnlyList<IPAddress> Routers, IReadOnlyList<IPAddress> DnsServers, int LeaseSeconds, IPAddress? Server)
{
    /// <summary>The prefix the hook line starts with; anything else udhcpc prints is its own chatter.</summary>
    public const string Marker = "routeros-dhcp|";

    /// <summary>
    /// The hook's line: "routeros-dhcp|EVENT|IP|MASK|ROUTERS|DNS|LEASE|SERVERID". Every value comes
    /// from the network (the DHCP server), so each is parsed strictly and a malformed one drops the
    /// field (a bound event without a valid address is no lease at all).
    /// </summary>
    public static LeaseEvent? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith(Marker, StringComparison.Ordinal))
            return null;
        var fields = line[Marker.Length..].Split('|');
        if (fields.Length != 7 || fields[0] is not ("bound" or "renew" or "deconfig" or "leasefail" or "nak"))
            return null;
        var address = IPAddress.TryParse(fields[1], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ip : null;
        byte prefix = byte.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is >= 1 and <= 32 ? length : MaskLength(fields[2]);
        return new LeaseEvent(fields[0], address, prefix, Addresses(fields[3]), Addresses(fields[4]),
            int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0,
            IPAddress.TryParse(fields[6], out var server) ? server : null);
    }

    /// <summary>The default gateway: the first router the server named.</summary>
    public IPAddress? Gateway => Routers.Count > 0 ? Routers[0] : null;

    public bool IsLease => Event is "bound" or "renew" && Address is not null && PrefixLength > 0;

    private static IReadOnlyList<IPAddress> Addresses(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(item => IPAddress.TryParse(item, out var ip) ? ip : null).OfType<IPAddress>()];

    /// <summary>A dotted mask (255.255.255.0) as its prefix length; 0 when it is not a contiguous mask.</summary>
    private static byte MaskLength(string mask)
    {
        if (!IPAddress.TryParse(mask, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            return 0;
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
        var ones = (byte)System.Numerics.BitOperations.PopCount(bits);
        return ones > 0 && bits == uint.MaxValue << (32 - ones) ? ones : (byte)0;
    }
}
