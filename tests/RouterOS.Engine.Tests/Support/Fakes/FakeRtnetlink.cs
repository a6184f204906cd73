using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Support.Fakes;

/// <summary>
/// rtnetlink as a small in-memory kernel: the dumps are what the test scripted (ports) plus what
/// the writes did, every write is recorded in <see cref="Journal"/>, and <see cref="Refuse"/>
/// scripts a refusal (an errno) for chosen writes. Models only what the engine reads back:
/// links with their bridge, parent, MTU, state and MAC; bridge VLANs; tagged addresses; main-table
/// routes (a route given only a gateway gets the device of the address that reaches it).
/// </summary>
internal sealed class FakeRtnetlink : IRtnetlink
{
    /// <summary>EADDRNOTAVAIL's neighbour for routes: ENETUNREACH (include/uapi/asm-generic/errno.h).</summary>
    private const int ENETUNREACH = 101;

    private readonly Dictionary<string, Link> _links = new(StringComparer.Ordinal);
    private readonly List<(string Device, IPAddress Address, byte Length, byte Protocol)> _addresses = [];
    private readonly List<RouteSpec> _routes = [];
    private int _nextIndex = 2;

    /// <summary>Every write, in order, as "create bridge br-lan", "add address 192.0.2.1/24 to br-lan"...</summary>
    public List<string> Journal { get; } = [];

    /// <summary>Scripted refusals: the errno a write (by its journal text) fails with, or null to acknowledge it.</summary>
    public Func<string, int?> Refuse { get; set; } = _ => null;

    public long WritesSent { get; private set; }

    /// <summary>A port that exists before the engine starts (a veth end, as the privileged harness makes).</summary>
    public void AddPort(string name) => _links[name] = new Link(_nextIndex++, name, "veth") { Mac = MacFor(_nextIndex) };

    public bool HasLink(string name) => _links.ContainsKey(name);

    public IReadOnlyList<RouteSpec> Routes => _routes;

    /// <summary>An administrator's `ip link set` behind the engine's back (recorded as no write of the engine's).</summary>
    public void ChangeBehindTheEngine(string name, int? mtu = null, bool? up = null)
    {
        var link = _links[name];
        link.Mtu = mtu ?? link.Mtu;
        link.Up = up ?? link.Up;
    }

    /// <summary>A bridge an administrator made before the engine (`ip link add NAME type bridge stp_state N`).</summary>
    public void AddBridgeBehindTheEngine(string name, bool stp = false) =>
        _links[name] = new Link(_nextIndex++, name, "bridge") { Bridge = new BridgeAttributes(stp, false, 0x8100, 1), Mac = MacFor(_nextIndex) };

    /// <summary>`ip link set PORT master BRIDGE` by hand.</summary>
    public void SetMasterBehindTheEngine(string port, string bridge) => _links[port].Master = bridge;

    /// <summary>A change behind the engine's back (a reboot, or an administrator with ip link del).</summary>
    public void DeleteBehindTheEngine(string name) => RemoveLink(name);

    /// <summary>The main table, one route a line, roughly as `ip route` prints it.</summary>
    public string RouteList() => string.Join('\n', _routes.Select(route =>
        $"{(route.DestinationLength == 0 ? "default" : $"{route.Destination}/{route.DestinationLength}")}"
        + $"{(route.Gateway is null ? "" : $" via {route.Gateway}")} dev {NameOf(route.OutputInterface)} proto {route.Protocol} metric {route.Metric}"));

    public KernelState Read(string? rulesetListing)
    {
        var links = _links.Values.ToDictionary(link => link.Name, link => new KernelLink(link.Index, link.Name, link.Kind, link.Mtu, link.Up,
            link.Master, link.Parent, link.Mac, link.Bridge, link.Vlan, [.. link.Vlans]), StringComparer.Ordinal);
        var addresses = _addresses.Select(address => new KernelAddress(address.Device, InterfaceAddress.Of(IpAddress.From(address.Address), address.Length),
            address.Protocol == EngineMarks.AddressProtocol, address.Protocol == EngineMarks.LeaseAddressProtocol)).ToList();
        var routes = _routes.Select(route => new KernelRoute(Cidr.Of(IpAddress.From(route.Destination), route.DestinationLength),
            route.Gateway is null ? null : IpAddress.From(route.Gateway), NameOf(route.OutputInterface), route.Metric, route.Protocol == EngineMarks.RouteProtocol, route.Unreachable)).ToList();
        return new KernelState(links, addresses, routes, rulesetListing);
    }

    public Dictionary<string, int> ReadIndexes() => _links.Values.ToDictionary(link => link.Name, link => link.Index, StringComparer.Ordinal);

    public int? IndexOf(string name) => _links.TryGetValue(name, out var link) ? link.Index : null;

    public void CreateBridge(string name, BridgeAttributes attributes) => Write($"create bridge {name}", () =>
    {
        Exclusive(name);
        _links[name] = new Link(_nextIndex++, name, "bridge") { Bridge = Merge(new BridgeAttributes(false, false, 0x8100, 1), attributes), Mac = MacFor(_nextIndex) };
    });

    public void ChangeBridge(int index, string name, BridgeAttributes attributes) => Write($"change bridge {name}", () =>
    {
        var link = ByIndex(index);
        link.Bridge = Merge(link.Bridge!, attributes);
    });

    public void CreateVlan(string name, int parentIndex, ushort vlanId, ushort protocol) => Write($"create VLAN device {name}", () =>
    {
        Exclusive(name);
        var parent = ByIndex(parentIndex);
        _links[name] = new Link(_nextIndex++, name, "vlan") { Parent = parent.Name, Vlan = new VlanAttributes(vlanId, protocol), Mac = parent.Mac, Mtu = parent.Mtu };
    });

    public void ChangeLink(int index, string name, LinkChange change) => Write($"change {name}", () =>
    {
        var link = ByIndex(index);
        link.Mtu = change.Mtu ?? link.Mtu;
        link.Up = change.Up ?? link.Up;
        link.Master = change.Master is { } master ? master == 0 ? null : ByIndex(master).Name : link.Master;
        link.Mac = change.Mac is { } mac ? MacAddress.TryFromOctets(mac, out var parsed, out var problem) ? parsed : throw new KernelException($"change {name}", 22, problem) : link.Mac;
    });

    public void DeleteLink(int index, string name) => Write($"delete {name}", () => RemoveLink(ByIndex(index).Name));

    public void BridgeVlan(bool add, int index, string name, ushort vlanId, ushort flags, bool self) =>
        Write($"{(add ? "add" : "remove")} VLAN {vlanId} {(add ? "to" : "from")} {name}", () =>
        {
            var vlans = ByIndex(index).Vlans;
            vlans.RemoveAll(entry => entry.VlanId == vlanId);
            if (add)
            {
                vlans.Add(new BridgeVlanEntry(vlanId, flags));
            }
        });

    public void AddAddress(int index, string device, IPAddress address, byte prefixLength, byte protocol = EngineMarks.AddressProtocol, AddressLifetime? lifetime = null) =>
        Write($"{(lifetime is null ? "add" : "set")} address {address}/{prefixLength} {(lifetime is null ? "to" : "on")} {device}", () =>
        {
            ByIndex(index);
            if (lifetime is not null)
            {
                _addresses.RemoveAll(present => present.Device == device && present.Address.Equals(address) && present.Length == prefixLength);
            }
            if (_addresses.Any(present => present.Device == device && present.Address.Equals(address) && present.Length == prefixLength))
            {
                throw new KernelException($"add address {address}/{prefixLength} to {device}", KernelException.EEXIST, null);
            }
            _addresses.Add((device, address, prefixLength, protocol));
        });

    public void DeleteAddress(int index, string device, IPAddress address, byte prefixLength) =>
        Write($"remove address {address}/{prefixLength} from {device}", () =>
        {
            if (_addresses.RemoveAll(present => present.Device == device && present.Address.Equals(address) && present.Length == prefixLength) == 0)
            {
                throw new KernelException($"remove address {address}/{prefixLength} from {device}", KernelException.EADDRNOTAVAIL, null);
            }
        });

    public void AddRoute(RouteSpec route, string description) => Write($"add route {description}", () =>
    {
        var device = route.Unreachable ? 0 : route.OutputInterface != 0 ? ByIndex(route.OutputInterface).Index : DeviceReaching(route.Gateway)
            ?? throw new KernelException($"add route {description}", ENETUNREACH, "Network is unreachable");
        // An IPv6 route given metric 0 is stored with 1024 (IP6_RT_PRIO_USER, net/ipv6/route.c).
        var metric = route.Metric == 0 && route.Destination.AddressFamily == AddressFamily.InterNetworkV6 ? 1024u : route.Metric;
        var stored = route with { OutputInterface = device, Metric = metric };
        if (_routes.Any(present => SameRoute(present, stored)))
        {
            throw new KernelException($"add route {description}", KernelException.EEXIST, null);
        }
        _routes.Add(stored);
    });

    public void DeleteRoute(RouteSpec route, string description) => Write($"remove route {description}", () =>
    {
        var found = _routes.FindIndex(present => present.Destination.Equals(route.Destination) && present.DestinationLength == route.DestinationLength
            && Equals(present.Gateway, route.Gateway) && present.Metric == route.Metric && (route.OutputInterface == 0 || present.OutputInterface == route.OutputInterface));
        if (found < 0)
        {
            throw new KernelException($"remove route {description}", KernelException.ESRCH, "No such process");
        }
        _routes.RemoveAt(found);
    });

    private void Write(string operation, Action change)
    {
        WritesSent++;
        Journal.Add(operation);
        if (Refuse(operation) is { } errno)
        {
            throw new KernelException(operation, errno, "refused by the test");
        }
        change();
    }

    private void Exclusive(string name)
    {
        if (_links.ContainsKey(name))
        {
            throw new KernelException($"create {name}", KernelException.EEXIST, "File exists");
        }
    }

    private Link ByIndex(int index) => _links.Values.FirstOrDefault(link => link.Index == index)
        ?? throw new KernelException($"find link {index}", KernelException.ENODEV, "No such device");

    private string? NameOf(int index) => _links.Values.FirstOrDefault(link => link.Index == index)?.Name;

    /// <summary>Deleting a link takes its VLAN devices, addresses and routes along and releases its ports.</summary>
    private void RemoveLink(string name)
    {
        if (!_links.Remove(name, out var removed))
        {
            return;
        }
        _addresses.RemoveAll(address => address.Device == name);
        _routes.RemoveAll(route => route.OutputInterface == removed.Index);
        foreach (var port in _links.Values.Where(link => link.Master == name))
        {
            port.Master = null;
        }
        foreach (var child in _links.Values.Where(link => link.Parent == name).Select(link => link.Name).ToList())
        {
            RemoveLink(child);
        }
    }

    private int? DeviceReaching(IPAddress? gateway) => gateway is null ? null : _addresses
        .Where(address => address.Address.AddressFamily == gateway.AddressFamily && new IPNetwork(address.Address, address.Length).Contains(gateway))
        .Select(address => _links.TryGetValue(address.Device, out var link) ? link.Index : (int?)null).FirstOrDefault();

    private static bool SameRoute(RouteSpec a, RouteSpec b) =>
        a.Destination.Equals(b.Destination) && a.DestinationLength == b.DestinationLength && Equals(a.Gateway, b.Gateway) && a.Metric == b.Metric;

    private static BridgeAttributes Merge(BridgeAttributes current, BridgeAttributes change) => new(
        change.Stp ?? current.Stp, change.VlanFiltering ?? current.VlanFiltering, change.VlanProtocol ?? current.VlanProtocol, change.DefaultPvid ?? current.DefaultPvid);

    private static MacAddress MacFor(int index) => MacAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"02:00:00:00:00:{index:x2}"));

    private sealed class Link(int index, string name, string kind)
    {
        public int Index { get; } = index;
        public string Name { get; } = name;
        public string Kind { get; } = kind;
        public int Mtu { get; set; } = 1500;
        public bool Up { get; set; }
        public string? Master { get; set; }
        public string? Parent { get; init; }
        public MacAddress? Mac { get; set; }
        public BridgeAttributes? Bridge { get; set; }
        public VlanAttributes? Vlan { get; init; }
        public List<BridgeVlanEntry> Vlans { get; } = [];
    }
}
