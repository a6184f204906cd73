using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Static addresses: on an L3 device, each address once, subnets that do not overlap.</summary>
internal static class AddressRules
{
    public static void Check(VerifyContext context)
    {
        var owner = new Dictionary<IpAddress, string>();
        var checkedSoFar = new List<(InterfaceName Device, InterfaceAddress Address)>();
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
            foreach (var (otherDevice, other) in checkedSoFar)
            {
                if (otherDevice != assignment.Device && other.Subnet.Overlaps(assignment.Address.Subnet))
                {
                    context.Warning(path, $"subnet {assignment.Address.Subnet} on {assignment.Device} overlaps {other.Subnet} on {otherDevice}; hosts in the overlap are reachable through one of them only");
                }
            }
            checkedSoFar.Add((assignment.Device, assignment.Address));
        }
    }
}
