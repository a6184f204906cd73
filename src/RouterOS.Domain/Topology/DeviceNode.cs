using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Topology;

/// <summary>One device of the configuration, with what it sits on.</summary>
/// <param name="Parent">The device under a VLAN device or PPPoE uplink; null for ports and bridges.</param>
/// <param name="ConfiguredMtu">The MTU the configuration sets, if any.</param>
public sealed record DeviceNode(InterfaceName Name, DeviceKind Kind, InterfaceName? Parent, Mtu? ConfiguredMtu)
{
    public string Path => ConfigPath.Item(Kind.ListName(), Name);

    public string Description => $"{Kind.Describe()} {Name}";
}
