using System.Globalization;
using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Engine.Nft;

/// <summary>
/// The ordered forward rules: a chain the forward chain jumps to for new connections (the first
/// rule that matches decides; none matching returns to the port forwards and zone forwardings),
/// and a mangle chain that sets the DSCP of every packet in an accepted rule's direction.
/// </summary>
internal static class ForwardRulesRuleset
{
    public const string ChainName = "forward_rules";

    public static bool Any(FirewallSettings firewall) => firewall.ForwardRules.Any(rule => rule.Enabled);

    public static void WriteRules(RulesetBuilder output, FirewallSettings firewall, FirewallTopology topology, IReadOnlyDictionary<Zone, string> sets)
    {
        if (!Any(firewall))
            return;
        output.Open($"chain {ChainName}", "firewall.forwardRules");
        foreach (var rule in firewall.ForwardRules.Where(rule => rule.Enabled))
        {
            var counter = rule.Counter ? RuleCounters.Reference(RuleCounters.Of(rule)) : "";
            var verdict = rule.Action switch
            {
                RuleAction.Accept => "accept",
                RuleAction.Drop => "drop",
                _ => "reject",
            };
            if (Match(rule, topology, sets) is { } match)
                output.Line($"{match}{counter} {verdict}".TrimStart(), ConfigPath.Item("firewall.forwardRules", rule.Name));
        }
        output.Close();
    }

    /// <summary>
    /// DSCP is set on every packet of the rule's direction, not only a connection's first, so it
    /// cannot live in the forward_rules chain (which sees new connections only). Here every rule
    /// up to the last marking one is walked in the same order, a rule without a mark returning
    /// unmarked, so the rule that decided a connection is the one that marks its packets.
    /// Packets of an offloaded flow skip the forward hook, so they keep the DSCP they came with.
    /// </summary>
    public static void WriteDscpMarking(RulesetBuilder output, FirewallSettings firewall, FirewallTopology topology, IReadOnlyDictionary<Zone, string> sets)
    {
        var enabled = firewall.ForwardRules.Where(rule => rule.Enabled).ToList();
        var last = enabled.FindLastIndex(rule => rule.SetDscp is not null);
        if (last < 0)
            return;
        output.Open("chain dscp_marking", "firewall.forwardRules");
        output.Line("type filter hook forward priority mangle; policy accept;");
        foreach (var rule in enabled.Take(last + 1))
        {
            if (Match(rule, topology, sets) is not { } match)
                continue;
            var path = ConfigPath.Item("firewall.forwardRules", rule.Name);
            if (rule.SetDscp is not { } dscp || rule.Action != RuleAction.Accept)
            {
                output.Line($"{match} return".TrimStart(), path);
                continue;
            }
            var value = dscp.Value.ToString(CultureInfo.InvariantCulture);
            foreach (var family in Families(rule))
                output.Line($"{match} {RulesetGenerator.AddressKeyword(family)} dscp set {value} return".TrimStart(), path.Field("setDscp"));
        }
        output.Close();
    }

    /// <summary>A rule's match; null when a zone it names has no interfaces, so it can never match.</summary>
    private static string? Match(ForwardRule rule, FirewallTopology topology, IReadOnlyDictionary<Zone, string> sets)
    {
        var parts = new List<string>();
        if (rule.From is { } from)
        {
            if (topology.Zone(from) is not { } zone || !sets.TryGetValue(zone, out var interfaces))
                return null;
            parts.Add($"iifname {interfaces}");
        }
        if (rule.To is { } to)
        {
            if (topology.Zone(to) is not { } zone || !sets.TryGetValue(zone, out var interfaces))
                return null;
            parts.Add($"oifname {interfaces}");
        }
        if (rule.Source is { } source)
            parts.Add($"{RulesetGenerator.AddressKeyword(source.Family)} saddr {source}");
        if (rule.Destination is { } destination)
            parts.Add($"{RulesetGenerator.AddressKeyword(destination.Family)} daddr {destination}");
        parts.AddRange(ProtocolMatch(rule));
        return string.Join(' ', parts);
    }

    private static IEnumerable<string> ProtocolMatch(ForwardRule rule)
    {
        switch (rule.Protocol)
        {
            case RuleProtocol.Tcp or RuleProtocol.Udp:
                yield return $"meta l4proto {(rule.Protocol == RuleProtocol.Tcp ? "tcp" : "udp")}";
                if (!rule.Ports.IsEmpty)
                    yield return $"th dport {{ {string.Join(", ", rule.Ports)} }}";
                break;
            case RuleProtocol.Icmp:
                yield return "meta l4proto icmp";
                if (!rule.IcmpTypes.IsEmpty)
                    yield return $"icmp type {{ {string.Join(", ", rule.IcmpTypes)} }}";
                break;
            case RuleProtocol.Icmpv6:
                yield return "meta l4proto ipv6-icmp";
                if (!rule.IcmpTypes.IsEmpty)
                    yield return $"icmpv6 type {{ {string.Join(", ", rule.IcmpTypes)} }}";
                break;
        }
    }

    /// <summary>DSCP is a different header field per family: one line per family the rule can match.</summary>
    private static IEnumerable<IpFamily> Families(ForwardRule rule) =>
        rule.Family is { } family ? [family] : [IpFamily.Ipv4, IpFamily.Ipv6];
}
