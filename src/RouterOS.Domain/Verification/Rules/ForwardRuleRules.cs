using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Forward rules, source NAT and the firewall defaults.</summary>
internal static class ForwardRuleRules
{
    public static void Check(VerifyContext context)
    {
        var firewall = context.Config.FirewallOrDefault;
        var zones = firewall.Zones.Select(zone => zone.Name).ToHashSet();
        foreach (var rule in firewall.ForwardRules)
            CheckRule(context, rule, zones);
        foreach (var rule in firewall.SourceNat)
            CheckSourceNat(context, rule, zones);
        CheckDefaults(context, firewall.DefaultsOrDefault);
    }

    private static void CheckRule(VerifyContext context, ForwardRule rule, HashSet<ObjectName> zones)
    {
        var path = ConfigPath.Item("firewall.forwardRules", rule.Name);
        if (rule.From is { } from && !zones.Contains(from))
            context.Error(path.Field("from"), $"no such zone: {from}");
        if (rule.To is { } to && !zones.Contains(to))
            context.Error(path.Field("to"), $"no such zone: {to}");
        if (!rule.Ports.IsEmpty && rule.Protocol is not (RuleProtocol.Tcp or RuleProtocol.Udp))
            context.Error(path.Field("ports"), "ports need protocol tcp or udp");
        if (!rule.IcmpTypes.IsEmpty)
            CheckIcmpTypes(context, rule, path.Field("icmpTypes"));
        CheckFamilies(context, rule, path);
        if (rule.SetDscp is not null && rule.Action != RuleAction.Accept)
            context.Error(path.Field("setDscp"), $"only accepted traffic can be marked: this rule's action is {rule.Action.ToString().ToLowerInvariant()}");
        if (rule.Enabled && rule.Action == RuleAction.Accept && rule.SetDscp is null && IsUnconditional(rule))
            context.Warning(path, "accepts every forwarded connection between any zones: the zone forwardings and the default policy no longer refuse anything");
    }

    private static void CheckIcmpTypes(VerifyContext context, ForwardRule rule, string path)
    {
        if (rule.Protocol is not (RuleProtocol.Icmp or RuleProtocol.Icmpv6))
        {
            context.Error(path, "ICMP types need protocol icmp or icmpv6");
            return;
        }
        foreach (var type in rule.IcmpTypes)
        {
            var fits = rule.Protocol == RuleProtocol.Icmp ? type.IsIcmp : type.IsIcmpv6;
            if (!fits)
                context.Error(path.Key(type), $"{(rule.Protocol == RuleProtocol.Icmp ? "ICMP" : "ICMPv6")} has no type {type}");
        }
    }

    /// <summary>A rule's protocol and addresses must agree on a family, or it could never match.</summary>
    private static void CheckFamilies(VerifyContext context, ForwardRule rule, string path)
    {
        var protocolFamily = rule.Protocol switch
        {
            RuleProtocol.Icmp => IpFamily.Ipv4,
            RuleProtocol.Icmpv6 => IpFamily.Ipv6,
            _ => (IpFamily?)null,
        };
        foreach (var (field, cidr) in new[] { ("source", rule.Source), ("destination", rule.Destination) })
        {
            if (cidr is null)
                continue;
            if (protocolFamily is { } family && cidr.Family != family)
                context.Error(path.Field(field), $"{cidr} is {Name(cidr.Family)} but protocol {rule.Protocol.ToString().ToLowerInvariant()} is {Name(family)}: the rule could never match");
        }
        if (rule.Source is { } source && rule.Destination is { } destination && source.Family != destination.Family)
            context.Error(path.Field("destination"), $"the source {source} is {Name(source.Family)} and the destination {destination} {Name(destination.Family)}: the rule could never match");
    }

    private static bool IsUnconditional(ForwardRule rule) =>
        rule.From is null && rule.To is null && rule.Protocol == RuleProtocol.Any && rule.Source is null && rule.Destination is null;

    private static void CheckSourceNat(VerifyContext context, SourceNatRule rule, HashSet<ObjectName> zones)
    {
        var path = ConfigPath.Item("firewall.sourceNat", rule.Name);
        if (!zones.Contains(rule.Zone))
            context.Error(path.Field("zone"), $"no such zone: {rule.Zone}");
        if (rule.To.Family != IpFamily.Ipv4)
            context.Error(path.Field("to"), $"{rule.To} is IPv6: source NAT translates IPv4 (IPv6 hosts keep their own addresses)");
        if (rule.Source is { Family: not IpFamily.Ipv4 } source)
            context.Error(path.Field("source"), $"{source} is IPv6: source NAT translates IPv4");
    }

    private static void CheckDefaults(VerifyContext context, FirewallDefaults defaults)
    {
        context.RequireInRange("firewall.defaults.synFloodRate", defaults.SynFloodRate, 1, FirewallDefaults.MaxSynFloodRate, "connections per second");
        context.RequireInRange("firewall.defaults.synFloodBurst", defaults.SynFloodBurst, 1, FirewallDefaults.MaxSynFloodRate, "connections");
    }

    private static string Name(IpFamily family) => family == IpFamily.Ipv4 ? "IPv4" : "IPv6";
}
