using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Static addresses: on an L3 device, each address once, subnets that do not overlap.</summary>
internal static class AddressRules
{
    public static void Check(VerifyContext context)
    {
        // Kept by index, with paths written only for findings: a configuration may hold thousands of addresses.
        var addresses = context.Config.Addresses;
        var first = new Dictionary<IpAddress, int>(addresses.Count);
        var distinct = new List<(InterfaceName Device, InterfaceAddress Address)>(addresses.Count);
        var distinctIndexes = new List<int>(addresses.Count);
        for (var i = 0; i < addresses.Count; i++)
        {
            var assignment = addresses[i];
            CheckDevice(context, assignment);
            if (!first.TryAdd(assignment.Address.Address, i))
            {
                context.Error(PathOf(assignment), $"the address {assignment.Address.Address} is already assigned at {PathOf(addresses[first[assignment.Address.Address]])}");
                continue;
            }
            distinct.Add((assignment.Device, assignment.Address));
            distinctIndexes.Add(i);
        }
        // One warning per address, naming the first overlapping subnet above it on another device.
        var overlaps = SubnetOverlaps.EarliestEarlier(distinct);
        for (var i = 0; i < distinct.Count; i++)
        {
            if (overlaps[i] < 0)
                continue;
            var (device, address) = distinct[i];
            var (otherDevice, other) = distinct[overlaps[i]];
            context.Warning(PathOf(addresses[distinctIndexes[i]]), $"subnet {address.Subnet} on {device} overlaps {other.Subnet} on {otherDevice}; hosts in the overlap are reachable through one of them only");
        }
    }

    private static void CheckDevice(VerifyContext context, AddressAssignment assignment)
    {
        // The usual case, an existing device outside any bridge and not a PPPoE uplink, has nothing to report.
        if (context.Devices.Find(assignment.Device) is { Kind: not DeviceKind.Pppoe } && context.Devices.BridgeOf(assignment.Device) is null)
            return;
        var path = PathOf(assignment).Field("device");
        var device = context.RequireDevice(path, assignment.Device);
        if (device is null)
            return;
        context.RefuseBridgeMember(path, assignment.Device, "carry an IP address (the bridge takes its frames)");
        if (device.Kind == DeviceKind.Pppoe)
            context.Error(path, $"{device.Description} gets its address from the ISP (IPCP); it cannot have a static one");
    }

    private static string PathOf(AddressAssignment assignment) => ConfigPath.Item("addresses", assignment.Address);
}
