using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Rules on set MAC addresses and MTUs that concern every kind of device alike.</summary>
internal static class PortRules
{
    public static void Check(VerifyContext context)
    {
        var config = context.Config;
        var macs = config.Ports.Where(p => p.Mac is not null).Select(p => (p.Mac, Path: ConfigPath.Item("ports", p.Name)))
            .Concat(config.Bridges.Where(b => b.Mac is not null).Select(b => (b.Mac, Path: ConfigPath.Item("bridges", b.Name))));
        var owner = new Dictionary<MacAddress, string>();
        foreach (var (mac, path) in macs)
        {
            if (!owner.TryAdd(mac!, path))
                context.Error(path.Field("mac"), $"MAC address {mac} is already set on {owner[mac!]}; two devices with one address confuse every switch on the link");
        }

        // Paths are written only for a finding: there may be a thousand devices.
        foreach (var port in config.Ports)
            CheckIpv6Mtu(context, "ports", port.Name);
        foreach (var bridge in config.Bridges)
            CheckIpv6Mtu(context, "bridges", bridge.Name);
        foreach (var vlan in config.Vlans)
            CheckIpv6Mtu(context, "vlans", vlan.Name);
    }

    // The kernel turns IPv6 off on a device whose MTU drops below 1280 (addrconf_notify, NETDEV_CHANGEMTU).
    private static void CheckIpv6Mtu(VerifyContext context, string list, InterfaceName device)
    {
        if (context.Devices.EffectiveMtu(device) is not { } mtu || mtu.Value >= Mtu.Ipv6Minimum)
            return;
        if (context.AddressesOn(device).Any(a => a.Family == IpFamily.Ipv6))
            context.Error(ConfigPath.Item(list, device).Field("mtu"), $"MTU {mtu} is below {Mtu.Ipv6Minimum}, the least IPv6 allows, but {device} has an IPv6 address; the kernel disables IPv6 on it");
    }
}
