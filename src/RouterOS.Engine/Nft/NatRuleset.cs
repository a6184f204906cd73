using System.Globalization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Nft;

/// <summary>
/// The NAT chains: port forwards (with hairpin) in a dstnat chain, and hairpin's return path,
/// source NAT to fixed addresses and masquerade in the srcnat chain. NAT chains see only the first
/// packet of a connection; conntrack translates the rest, and the flowtable keeps translating an
/// offloaded flow (the seed: "the flowtable entry also stores the NAT configuration").
/// </summary>
internal static class NatRuleset
{
    public static void WriteDestinationNat(RulesetBuilder output, FirewallSettings firewall, FirewallTopology topology, IReadOnlyDictionary<Zone, string> sets)
    {
        var forwards = firewall.PortForwards.Where(forward => forward.Enabled).ToList();
        if (forwards.Count == 0)
            return;
        var notOutside = WriteAddressSets(output, forwards, topology);
        output.Open("chain dstnat");
        output.Line("type nat hook prerouting priority dstnat; policy accept;");
        foreach (var forward in forwards)
        {
            var path = ConfigPath.Item("firewall.portForwards", forward.Name);
            var from = topology.Zone(forward.From);
            if (from is not null && sets.TryGetValue(from, out var fromInterfaces))
                output.Line($"iifname {fromInterfaces}{OutsideAddressMatch(forward)}{SourceMatch(forward)}{PortMatch(forward)}{RuleCounters.Reference(RuleCounters.Of(forward))} {Translation(forward)}", path);
            if (forward.Hairpin && InsideZone(forward, topology) is { } inside && sets.TryGetValue(inside, out var insideInterfaces))
            {
                // Reflection: a host in the inside zone that asks for the outside address gets the
                // same forward (the source restriction is for the outside zone's hosts). Without a
                // fixed outside address, "an address of the router, but none it has statically
                // outside zone From": the uplink's may come from DHCP or PPPoE at any time.
                var destination = OutsideAddressMatch(forward)
                    + (forward.OutsideAddress is null && notOutside.Contains(forward.From) ? $" ip daddr != @{AddressSetName(forward.From)}" : "");
                output.Line($"iifname {insideInterfaces}{destination}{PortMatch(forward)}{RuleCounters.Reference(RuleCounters.Of(forward))} {Translation(forward)}", path.Field("hairpin"));
            }
        }
        output.Close();
    }

    public static void WriteSourceNat(RulesetBuilder output, FirewallSettings firewall, FirewallTopology topology, IReadOnlyList<Zone> zones, IReadOnlyDictionary<Zone, string> sets)
    {
        var hairpins = firewall.PortForwards.Where(forward => forward.Enabled && forward.Hairpin).ToList();
        var rules = firewall.SourceNat.Where(rule => rule.Enabled && topology.Zone(rule.Zone) is { } zone && sets.ContainsKey(zone)).ToList();
        var masqueraded = zones.Where(zone => zone.Masquerade).ToList();
        if (hairpins.Count == 0 && rules.Count == 0 && masqueraded.Count == 0)
            return;
        output.Open("chain srcnat");
        output.Line("type nat hook postrouting priority srcnat; policy accept;");
        foreach (var forward in hairpins)
        {
            // A client in the inside host's own subnet would get the answer straight from the
            // host, from an address it never asked: so it must seem to come from the router.
            if (topology.NetworkOf(forward.InsideHost) is { } network)
            {
                output.Line($"oifname {RulesetGenerator.Quote(network.Device)} ip saddr {network.Address.Subnet} ip daddr {forward.InsideHost}{Protocols(forward)} th dport {forward.EffectiveInsidePort} ct status dnat masquerade",
                    ConfigPath.Item("firewall.portForwards", forward.Name).Field("hairpin"));
            }
        }
        foreach (var rule in rules)
        {
            var source = rule.Source is null ? "" : $" ip saddr {rule.Source}";
            output.Line($"oifname {sets[topology.Zone(rule.Zone)!]}{source}{RuleCounters.Reference(RuleCounters.Of(rule))} snat ip to {AddressOrRange(rule.To)}{(rule.To.PrefixLength < 32 ? " persistent" : "")}",
                ConfigPath.Item("firewall.sourceNat", rule.Name));
        }
        // IPv4 only: the LANs' IPv6 addresses are global (numbered from the ISP's prefix) and are
        // routed as they are; hiding them behind the uplink's address (NAT66) would only break
        // what IPv6 gives back, end-to-end addressing.
        foreach (var zone in masqueraded)
            output.Line($"oifname {sets[zone]} meta nfproto ipv4 masquerade", ConfigPath.Item("firewall.zones", zone.Name).Field("masquerade"));
        output.Close();
    }

    private static Zone? InsideZone(PortForward forward, FirewallTopology topology) =>
        topology.NetworkOf(forward.InsideHost) is { } network ? topology.ZoneOf(network.Device) : null;

    /// <summary>Connections to the fixed outside address, or else to any address of the router (not ones it routes onwards, such as a block behind it).</summary>
    private static string OutsideAddressMatch(PortForward forward) =>
        forward.OutsideAddress is { } address ? $" ip daddr {address}" : " fib daddr type local";

    private static string SourceMatch(PortForward forward) =>
        forward.Source is { } source ? $" ip saddr {source}" : "";

    private static string PortMatch(PortForward forward) => $"{Protocols(forward)} th dport {forward.OutsidePort}";

    private static string Protocols(PortForward forward) => forward.Protocol switch
    {
        ForwardedProtocol.Tcp => " meta l4proto tcp",
        ForwardedProtocol.Udp => " meta l4proto udp",
        _ => " meta l4proto { tcp, udp }",
    };

    /// <summary>
    /// The DNAT target. Ports kept: only the address changes. One port to another: address and
    /// port. A range to another range: a map from each outside port to the host and its inside
    /// port (bounded by <see cref="Limits.ShiftedPortsPerForward"/>).
    /// </summary>
    private static string Translation(PortForward forward)
    {
        if (!forward.ShiftsPorts)
            return $"dnat ip to {forward.InsideHost}";
        var inside = forward.EffectiveInsidePort;
        if (inside.IsSinglePort)
            return $"dnat ip to {forward.InsideHost}:{inside.First}";
        var pairs = Enumerable.Range(0, forward.OutsidePort.Last - forward.OutsidePort.First + 1)
            .Select(offset => string.Create(CultureInfo.InvariantCulture, $"{forward.OutsidePort.First + offset} : {forward.InsideHost} . {inside.First + offset}"));
        return $"dnat ip to th dport map {{ {string.Join(", ", pairs)} }}";
    }

    /// <summary>
    /// For each zone hairpinned forwards come from without a fixed outside address: a named set of
    /// the router's static addresses outside that zone, written once however many forwards use it
    /// (a LAN of a thousand VLANs has a thousand). Returns the zones that have one.
    /// </summary>
    private static HashSet<ObjectName> WriteAddressSets(RulesetBuilder output, List<PortForward> forwards, FirewallTopology topology)
    {
        var written = new HashSet<ObjectName>();
        foreach (var from in forwards.Where(forward => forward.Hairpin && forward.OutsideAddress is null).Select(forward => forward.From).Distinct())
        {
            var addresses = topology.Ipv4AddressesOutside(from).ToList();
            if (addresses.Count == 0)
                continue;
            output.Open($"set {AddressSetName(from)}", ConfigPath.Item("firewall.zones", from));
            output.Line("type ipv4_addr");
            output.Line($"elements = {{ {string.Join(", ", addresses)} }}");
            output.Close();
            written.Add(from);
        }
        return written;
    }

    /// <summary>The set of the router's addresses outside <paramref name="zone"/>: not ones a hairpin forward is for.</summary>
    private static string AddressSetName(ObjectName zone) => $"addresses_beside_{zone}";

    /// <summary>A /32 as its address, a block as the range nft translates into ("a-b").</summary>
    private static string AddressOrRange(Cidr block)
    {
        return block.PrefixLength == 32 ? block.Network.ToString() : $"{block.Network}-{block.LastAddress}";
    }
}
