using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Zones, forwardings between them, and the services opened on the router.</summary>
internal static class FirewallRules
{
    public static void Check(VerifyContext context)
    {
        var firewall = context.Config.FirewallOrDefault;
        CheckZones(context, firewall);
        var zoneNames = firewall.Zones.Select(z => z.Name).ToHashSet();
        foreach (var forwarding in firewall.Forwardings)
        {
            var path = ConfigPath.Item("firewall.forwardings", forwarding.Key);
            RequireZone(context, path.Field("from"), forwarding.From, zoneNames);
            RequireZone(context, path.Field("to"), forwarding.To, zoneNames);
        }
        foreach (var rule in firewall.InputRules)
            CheckInputRule(context, rule, zoneNames);
    }

    private static void CheckZones(VerifyContext context, FirewallSettings firewall)
    {
        var zoneOf = new Dictionary<InterfaceName, ObjectName>(firewall.Zones.Sum(zone => zone.Interfaces.Count));
        foreach (var zone in firewall.Zones)
        {
            var path = ConfigPath.Item("firewall.zones", zone.Name);
            if (zone.Interfaces.IsEmpty && zone.Masquerade)
                context.Warning(path.Field("masquerade"), "masquerade is on but the zone has no interfaces, so nothing is translated");
            foreach (var name in zone.Interfaces)
            {
                // Written only for a finding: a zone may hold a thousand interfaces.
                string InterfacePath() => path.Item("interfaces", name);
                if (!zoneOf.TryAdd(name, zone.Name))
                {
                    context.Error(InterfacePath(), $"{name} is already in zone {zoneOf[name]}; an interface belongs to one zone");
                    continue;
                }
                if (!context.Devices.Contains(name))
                    context.ReportNoSuchDevice(InterfacePath(), name);
                else if (context.Devices.BridgeOf(name) is not null)
                    context.RefuseBridgeMember(InterfacePath(), name, "be in a zone (routed traffic passes through the bridge)");
            }
        }
    }

    private static void RequireZone(VerifyContext context, string path, ObjectName zone, HashSet<ObjectName> zones)
    {
        if (!zones.Contains(zone))
            context.Error(path, $"no such zone: {zone}");
    }

    private static void CheckInputRule(VerifyContext context, InputRule rule, HashSet<ObjectName> zones)
    {
        var path = ConfigPath.Item("firewall.inputRules", rule.Name);
        RequireZone(context, path.Field("zone"), rule.Zone, zones);
        if (!rule.Ports.IsEmpty && rule.Protocol == L4Protocol.Any)
            context.Error(path.Field("ports"), "ports need protocol tcp or udp");
        if (rule.Ports.IsEmpty && rule.Source is null)
            context.Warning(path, $"opens every {(rule.Protocol == L4Protocol.Any ? "" : rule.Protocol.ToString().ToUpperInvariant() + " ")}port of the router to zone {rule.Zone} from any address");
    }
}
