using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification;

/// <summary>What every rule works from (the configuration and its device graph) and collects into.</summary>
public sealed class VerifyContext
{
    private readonly List<ConfigFinding> _findings = [];
    private readonly Lazy<ILookup<InterfaceName, InterfaceAddress>> _addressesOn;
    private readonly Lazy<HashSet<InterfaceName>> _dhcpClients;

    public VerifyContext(RouterConfig config)
        : this(config, new DeviceGraph(config))
    {
    }

    /// <param name="devices">The device graph of <paramref name="config"/>, when the caller has it already.</param>
    public VerifyContext(RouterConfig config, DeviceGraph devices)
    {
        Config = config;
        Devices = devices;
        // Indexes the rules share, so asking per device costs a lookup, not a scan of the list.
        _addressesOn = new(() => config.Addresses.ToLookup(a => a.Device, a => a.Address));
        _dhcpClients = new(() => config.DhcpOrDefault.Clients.Select(c => c.Device).ToHashSet());
        Subnets = new SubnetIndex(config.Addresses);
    }

    public RouterConfig Config { get; }

    public DeviceGraph Devices { get; }

    /// <summary>The configured addresses, found by the subnets they are in.</summary>
    internal SubnetIndex Subnets { get; }

    public IReadOnlyList<ConfigFinding> Findings => _findings;

    public void Error(string path, string message) => _findings.Add(ConfigFinding.Error(path, message));

    public void Warning(string path, string message) => _findings.Add(ConfigFinding.Warning(path, message));

    /// <summary>
    /// Reports a reference to a device the configuration does not define, and returns the device
    /// when it exists. Every rule that follows a name goes through here so the message is the same.
    /// </summary>
    public DeviceNode? RequireDevice(string path, InterfaceName name)
    {
        var node = Devices.Find(name);
        if (node is null)
            ReportNoSuchDevice(path, name);
        return node;
    }

    /// <summary>
    /// The finding of <see cref="RequireDevice"/>, for the rules over lists of thousands of items
    /// that look the device up themselves and write the path only when it is missing.
    /// </summary>
    public void ReportNoSuchDevice(string path, InterfaceName name) =>
        Error(path, $"no such device: {name} is not a port, bridge, VLAN device or PPPoE uplink of this configuration");

    /// <summary>Reports the device when it is a bridge member, where an L3 role makes no sense; true if it is.</summary>
    public bool RefuseBridgeMember(string path, InterfaceName name, string role)
    {
        if (Devices.BridgeOf(name) is not { } bridge)
            return false;
        Error(path, $"{name} is a port of bridge {bridge} and cannot {role}; use {bridge} instead");
        return true;
    }

    /// <summary>Reports a number outside [min, max]; the JSON types cannot express such bounds.</summary>
    public void RequireInRange(string path, long value, long min, long max, string unit = "")
    {
        if (value < min || value > max)
            Error(path, $"{value} is out of range: use {min} to {max}{(unit.Length > 0 ? " " + unit : "")}");
    }

    /// <summary>The IPv4 and IPv6 addresses configured on a device.</summary>
    public IEnumerable<InterfaceAddress> AddressesOn(InterfaceName device) => _addressesOn.Value[device];

    /// <summary>True when the device gets addresses from elsewhere: a PPPoE session or a DHCP client.</summary>
    public bool HasDynamicAddress(InterfaceName device) =>
        Devices.Find(device)?.Kind == DeviceKind.Pppoe || HasDhcpClient(device);

    /// <summary>True when a DHCP client runs on the device.</summary>
    public bool HasDhcpClient(InterfaceName device) => _dhcpClients.Value.Contains(device);
}
