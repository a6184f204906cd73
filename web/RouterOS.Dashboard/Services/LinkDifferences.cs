using RouterOS.Api.Contracts;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Services;

/// <summary>A device the configuration names, as one configuration has it.</summary>
/// <param name="Mtu">The MTU it sets; null when it leaves the kernel's.</param>
/// <param name="Enabled">Whether it asks for the device up.</param>
public sealed record ConfiguredLink(string Name, string What, int? Mtu, bool Enabled, IReadOnlyList<string> Addresses);

/// <summary>
/// Where the candidate, the running revision and the kernel disagree about a device, in plain
/// words: the marks the Interfaces page shows beside each link. The kernel is held to the running
/// revision (what was committed); the candidate to the running revision (what a commit would
/// change). Without a running revision, the kernel is held to the candidate.
/// </summary>
public static class LinkDifferences
{
    /// <summary>Every device a configuration names, by name: ports, bridges, VLAN devices, PPPoE uplinks.</summary>
    public static Dictionary<string, ConfiguredLink> Configured(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<string> AddressesOf(string device) => [.. config.Addresses.Where(a => a.Device.Value == device).Select(a => a.Address.ToString())];
        var links = new Dictionary<string, ConfiguredLink>(StringComparer.Ordinal);
        foreach (var port in config.Ports)
            links[port.Name.Value] = new(port.Name.Value, "port", port.Mtu?.Value, port.Enabled, AddressesOf(port.Name.Value));
        foreach (var bridge in config.Bridges)
            links[bridge.Name.Value] = new(bridge.Name.Value, "bridge", bridge.Mtu?.Value, bridge.Enabled, AddressesOf(bridge.Name.Value));
        foreach (var vlan in config.Vlans)
            links[vlan.Name.Value] = new(vlan.Name.Value, "VLAN device", vlan.Mtu?.Value, vlan.Enabled, AddressesOf(vlan.Name.Value));
        foreach (var uplink in config.Pppoe)
            links[uplink.Name.Value] = new(uplink.Name.Value, "PPPoE uplink", uplink.EffectiveMtu.Value, uplink.Enabled, AddressesOf(uplink.Name.Value));
        return links;
    }

    /// <param name="kernel">The device as the kernel has it; null when the kernel has no such device.</param>
    /// <param name="kernelKnown">False while no reading of the kernel has arrived: nothing is said about it then.</param>
    public static IReadOnlyList<string> Of(ConfiguredLink? candidate, ConfiguredLink? running, bool hasRunning, LinkStatusView? kernel, bool kernelKnown)
    {
        var marks = new List<string>();
        if (hasRunning)
        {
            if (candidate is not null && running is null)
                marks.Add("new in the candidate: not committed yet");
            else if (candidate is null && running is not null)
                marks.Add("removed in the candidate: still in the running revision");
            else if (candidate is not null && running is not null && candidate.Mtu != running.Mtu)
                marks.Add($"MTU {Mtu(candidate.Mtu)} in the candidate, {Mtu(running.Mtu)} in the running revision");
        }
        // What the kernel should have: the running revision, or the candidate when nothing runs yet.
        var expected = hasRunning ? running : candidate;
        if (!kernelKnown || expected is null)
            return marks;
        if (kernel is null)
        {
            marks.Add(expected.What == "PPPoE uplink" ? "no session: the kernel has no such device" : "missing in the kernel");
            return marks;
        }
        var source = hasRunning ? "the running revision" : "the candidate";
        if (expected.Mtu is { } mtu && mtu != kernel.Mtu)
            marks.Add($"MTU {kernel.Mtu} in the kernel, {mtu} in {source}");
        if (expected.Enabled && !kernel.AdminUp)
            marks.Add($"set down in the kernel, up in {source}");
        else if (!expected.Enabled && kernel.AdminUp && expected.What != "PPPoE uplink")
            marks.Add($"up in the kernel, disabled in {source}");
        var kernelAddresses = kernel.Addresses.Select(a => a.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var address in expected.Addresses.Where(a => !kernelAddresses.Contains(a)))
            marks.Add($"address {address} missing in the kernel");
        foreach (var address in kernel.Addresses.Where(a => a.Origin == "config" && !expected.Addresses.Contains(a.Address)))
            marks.Add($"address {address.Address} in the kernel, not in {source}");
        return marks;
    }

    private static string Mtu(int? mtu) => mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default";
}
