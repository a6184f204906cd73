using RouterOS.Domain.Model;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Reconcile;

/// <summary>Which settings of a device a configuration sets (the rest it leaves to the kernel).</summary>
/// <param name="Master">Its bridge: the device is a port of a bridge of the configuration.</param>
/// <param name="VlanSettings">A bridge's VLAN protocol and default PVID: set only with VLAN filtering on.</param>
/// <param name="Device">Named as a bridge or VLAN device: the engine's while named, adopted or not.</param>
internal readonly record struct ManagedSettings(bool Mtu, bool Up, bool Mac, bool Master = false,
    bool Stp = false, bool VlanFiltering = false, bool VlanSettings = false, bool Device = false)
{
    /// <summary>Every device a configuration names, with what it sets: built once, looked up per device.</summary>
    public static IReadOnlyDictionary<string, ManagedSettings> Index(RouterConfig config)
    {
        var inBridge = config.Bridges.SelectMany(bridge => bridge.Ports).Select(port => port.Name.Value).ToHashSet(StringComparer.Ordinal);
        var index = new Dictionary<string, ManagedSettings>(StringComparer.Ordinal);
        foreach (var port in config.Ports)
        {
            index.TryAdd(port.Name.Value, new(port.Mtu is not null, true, port.Mac is not null, inBridge.Contains(port.Name.Value)));
        }
        foreach (var bridge in config.Bridges)
        {
            index.TryAdd(bridge.Name.Value, new(bridge.Mtu is not null, true, bridge.Mac is not null,
                Stp: true, VlanFiltering: true, VlanSettings: bridge.VlanFiltering, Device: true));
        }
        foreach (var vlan in config.Vlans)
        {
            index.TryAdd(vlan.Name.Value, new(vlan.Mtu is not null, true, false, inBridge.Contains(vlan.Name.Value), Device: true));
        }
        return index;
    }
}

/// <summary>A bridge's own settings as the kernel had them (STP, VLAN filtering, VLAN protocol, default PVID).</summary>
internal static class BridgeOriginals
{
    /// <summary>The recorded settings with those <paramref name="change"/> sets added as they <paramref name="was"/>, unless recorded already.</summary>
    public static BridgeAttributes Record(BridgeAttributes? recorded, BridgeAttributes change, BridgeAttributes was)
    {
        var record = recorded ?? new BridgeAttributes();
        return new BridgeAttributes(
            Stp: record.Stp ?? (change.Stp is null ? null : was.Stp ?? false),
            VlanFiltering: record.VlanFiltering ?? (change.VlanFiltering is null ? null : was.VlanFiltering ?? false),
            VlanProtocol: record.VlanProtocol ?? (change.VlanProtocol is null ? null : was.VlanProtocol),
            DefaultPvid: record.DefaultPvid ?? (change.DefaultPvid is null ? null : was.DefaultPvid));
    }

    /// <summary>The records of settings a configuration still sets (the others were put back); null when none is left.</summary>
    public static BridgeAttributes? Keep(BridgeAttributes? recorded, ManagedSettings managed)
    {
        if (recorded is null)
        {
            return null;
        }
        var kept = new BridgeAttributes(
            Stp: managed.Stp ? recorded.Stp : null,
            VlanFiltering: managed.VlanFiltering ? recorded.VlanFiltering : null,
            VlanProtocol: managed.VlanSettings ? recorded.VlanProtocol : null,
            DefaultPvid: managed.VlanSettings ? recorded.DefaultPvid : null);
        return kept == new BridgeAttributes() ? null : kept;
    }

    /// <summary>What differs between <paramref name="wanted"/> (null fields: leave) and the kernel's <paramref name="current"/>.</summary>
    public static BridgeAttributes Difference(BridgeAttributes wanted, BridgeAttributes current) => new(
        Stp: wanted.Stp is { } stp && (current.Stp ?? false) != stp ? stp : null,
        VlanFiltering: wanted.VlanFiltering is { } filtering && (current.VlanFiltering ?? false) != filtering ? filtering : null,
        VlanProtocol: wanted.VlanProtocol is { } protocol && current.VlanProtocol != protocol ? protocol : null,
        DefaultPvid: wanted.DefaultPvid is { } pvid && current.DefaultPvid != pvid ? pvid : null);
}
