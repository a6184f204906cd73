using RouterOS.Domain.Topology;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// The firewall fails closed: an interface in no zone forwards nothing and the router accepts
/// nothing new on it (only answers to its own connections). That is safe but rarely meant, so
/// every interface that routes (it has an address, gets one by DHCP, or is a PPPoE uplink) and
/// sits in no zone is a warning at its own path, also when there are no zones at all.
/// </summary>
internal static class ZoneCoverageRules
{
    public static void Check(VerifyContext context)
    {
        var zoned = context.Config.FirewallOrDefault.Zones.SelectMany(zone => zone.Interfaces).ToHashSet();
        foreach (var node in context.Devices.Nodes.Where(node => Routes(context, node) && !zoned.Contains(node.Name)))
            context.Warning(node.Path, $"{node.Description} is in no firewall zone: nothing is forwarded from or to it and the router accepts nothing new on it; add it to a zone");
    }

    // A bridge port's traffic is the bridge's: only the bridge can be in a zone.
    private static bool Routes(VerifyContext context, DeviceNode node) =>
        context.Devices.BridgeOf(node.Name) is null
        && (node.Kind == DeviceKind.Pppoe || context.AddressesOn(node.Name).Any() || context.HasDynamicAddress(node.Name));
}
