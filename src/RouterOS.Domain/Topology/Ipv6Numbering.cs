using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Topology;

/// <summary>Where a LAN's IPv6 comes from: the uplink whose prefix numbers it (none: only the ULA prefix), and which /64 of it.</summary>
public sealed record Ipv6Subnet(LanIpv6 Lan, InterfaceName? Uplink, int SubnetId);

/// <summary>
/// How the LANs are numbered out of the uplinks' prefixes: the subnet ids (explicit ones first;
/// each automatic one takes the lowest id its uplink has free, in list order, so adding a LAN at
/// the end renumbers none before it) and the /64 each id picks out of a prefix. The verifier
/// checks the ids fit; the engine and the dashboard number with the same code.
/// </summary>
public static class Ipv6Numbering
{
    /// <summary>The /48 of a ULA prefix (RFC 4193 section 3.1): 16 bits of subnet id.</summary>
    public const int UlaPrefixLength = 48;

    /// <summary>fc00::/7 with the L bit set: the locally assigned half, the only one RFC 4193 defines.</summary>
    public static readonly Cidr UlaRange = Cidr.Parse("fd00::/8");

    /// <summary>Global unicast (RFC 4291 section 2.4): where an ISP's prefixes come from.</summary>
    public static readonly Cidr GlobalUnicast = Cidr.Parse("2000::/3");

    /// <summary>The uplinks a LAN may be numbered from: those with a DHCPv6 client or a static prefix, and the prefix length each gives (or asks for).</summary>
    public static IReadOnlyDictionary<InterfaceName, int> Sources(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ipv6 = config.Ipv6OrDefault;
        var sources = new Dictionary<InterfaceName, int>();
        foreach (var client in ipv6.Clients)
            sources.TryAdd(client.Uplink, client.PrefixHintLength);
        foreach (var prefix in ipv6.StaticPrefixes)
            sources.TryAdd(prefix.Uplink, prefix.Prefix.PrefixLength);
        return sources;
    }

    /// <summary>The uplink numbering <paramref name="lan"/>: its own, or the only source; null when there is none to take (or more than one to choose from).</summary>
    public static InterfaceName? SourceOf(IReadOnlyDictionary<InterfaceName, int> sources, LanIpv6 lan)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(lan);
        return lan.Uplink ?? (sources.Count == 1 ? sources.Keys.Single() : null);
    }

    /// <summary>How many /64s a prefix of this length holds (1 for a /64, 256 for a /56).</summary>
    public static int Capacity(int prefixLength) =>
        prefixLength is < Dhcpv6Client.ShortestPrefixHint or > LanIpv6.SubnetLength
            ? throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "a LAN's prefix is /48 to /64")
            : 1 << (LanIpv6.SubnetLength - prefixLength);

    /// <summary>
    /// Every LAN with its uplink and subnet id. An automatic id is the lowest one free among the
    /// LANs of the same uplink; an id past what the prefix holds is left for the verifier to report.
    /// </summary>
    public static IReadOnlyList<Ipv6Subnet> Assign(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sources = Sources(config);
        var lans = config.Ipv6OrDefault.Lans;
        var taken = new Dictionary<string, HashSet<int>>();
        HashSet<int> TakenBy(InterfaceName? uplink)
        {
            var key = uplink?.Value ?? "";
            if (!taken.TryGetValue(key, out var ids))
                taken[key] = ids = [];
            return ids;
        }
        foreach (var lan in lans)
        {
            if (lan.SubnetId is { } id)
                TakenBy(SourceOf(sources, lan)).Add(id);
        }
        var subnets = new List<Ipv6Subnet>(lans.Count);
        foreach (var lan in lans)
        {
            var uplink = SourceOf(sources, lan);
            if (lan.SubnetId is { } id)
            {
                subnets.Add(new(lan, uplink, id));
                continue;
            }
            var ids = TakenBy(uplink);
            var free = 0;
            while (ids.Contains(free))
                free++;
            ids.Add(free);
            subnets.Add(new(lan, uplink, free));
        }
        return subnets;
    }

    /// <summary>The /64 numbered <paramref name="subnetId"/> in <paramref name="prefix"/>; null when the prefix does not hold that many.</summary>
    public static Cidr? SubnetOf(Cidr prefix, int subnetId)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Family != IpFamily.Ipv6 || prefix.PrefixLength > LanIpv6.SubnetLength || subnetId < 0
            || (ulong)subnetId >= 1UL << Math.Min(63, LanIpv6.SubnetLength - prefix.PrefixLength))
            return null;
        var bits = prefix.Network.Bits | ((UInt128)(uint)subnetId << (128 - LanIpv6.SubnetLength));
        return Cidr.Of(IpAddress.FromBits(bits, IpFamily.Ipv6), LanIpv6.SubnetLength);
    }

    /// <summary>
    /// The LANs' addresses that come from the configuration itself, not from a lease: ::1 of each
    /// LAN's /64 of a static prefix, and of the ULA prefix (with the same subnet id). Permanent.
    /// </summary>
    public static IReadOnlyList<(InterfaceName Device, InterfaceAddress Address)> ConfiguredAddresses(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var statics = config.Ipv6OrDefault.StaticPrefixes.GroupBy(p => p.Uplink).ToDictionary(g => g.Key, g => g.First().Prefix);
        var ula = config.SystemOrDefault.UlaPrefix;
        var addresses = new List<(InterfaceName, InterfaceAddress)>();
        foreach (var subnet in Assign(config))
        {
            if (subnet.Uplink is { } uplink && statics.TryGetValue(uplink, out var prefix) && SubnetOf(prefix, subnet.SubnetId) is { } routed)
                addresses.Add((subnet.Lan.Device, RouterAddress(routed)));
            if (ula is not null && SubnetOf(ula, subnet.SubnetId) is { } local)
                addresses.Add((subnet.Lan.Device, RouterAddress(local)));
        }
        return addresses;
    }

    /// <summary>The router's own address on a LAN's /64: ::1, as OpenWrt and VyOS give it, so hosts and administrators can guess it.</summary>
    public static InterfaceAddress RouterAddress(Cidr subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return InterfaceAddress.Of(IpAddress.FromBits(subnet.Network.Bits + 1, IpFamily.Ipv6), subnet.PrefixLength);
    }
}
