using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Static addresses: on an L3 device, each address once, subnets that do not overlap.</summary>
internal static class AddressRules
{
    public static void Check(VerifyContext context)
    {
        var owner = new Dictionary<IpAddress, string>();
        var distinct = new List<(InterfaceName Device, Cidr Subnet)>();
        var paths = new List<string>();
        foreach (var assignment in context.Config.Addresses)
        {
            var path = ConfigPath.Item("addresses", assignment.Address);
            var device = context.RequireDevice(path.Field("device"), assignment.Device);
            if (device is not null)
            {
                context.RefuseBridgeMember(path.Field("device"), assignment.Device, "carry an IP address (the bridge takes its frames)");
                if (device.Kind == DeviceKind.Pppoe)
                    context.Error(path.Field("device"), $"{device.Description} gets its address from the ISP (IPCP); it cannot have a static one");
            }
            if (!owner.TryAdd(assignment.Address.Address, path))
            {
                context.Error(path, $"the address {assignment.Address.Address} is already assigned at {owner[assignment.Address.Address]}");
                continue;
            }
            distinct.Add((assignment.Device, assignment.Address.Subnet));
            paths.Add(path);
        }
        // One warning per address, naming the first overlapping subnet above it on another device.
        var overlaps = SubnetOverlaps.EarliestEarlier(distinct);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (overlaps[i] < 0)
                continue;
            var (device, subnet) = distinct[i];
            var (otherDevice, other) = distinct[overlaps[i]];
            context.Warning(paths[i], $"subnet {subnet} on {device} overlaps {other} on {otherDevice}; hosts in the overlap are reachable through one of them only");
        }
    }
}
