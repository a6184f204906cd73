using System.Net;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel.Ports;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;
using RouterOS.Netlink.Wire;

namespace RouterOS.Engine.Kernel;

/// <summary>Links, bridge VLANs, addresses and routes over one rtnetlink socket. Use on the namespace's thread.</summary>
public sealed class RtnetlinkClient : IRtnetlink, IDisposable
{
    private readonly NetlinkSocket _socket = new(NetlinkProtocol.Route);
    private readonly NetlinkWriter _writer = new();

    public long WritesSent => _socket.WritesSent;

    public KernelState Read(string? rulesetListing)
    {
        var links = new List<LinkInfo>();
        Dump(LinkRequests.Dump, "list links", message => links.Add(LinkInfo.Parse(message)));
        var vlans = new Dictionary<int, IReadOnlyList<BridgeVlanEntry>>();
        Dump(LinkRequests.DumpBridgeVlans, "list bridge VLANs", message =>
        {
            var info = BridgeVlanInfo.Parse(message);
            if (info.Vlans.Count > 0)
            {
                vlans[info.Index] = info.Vlans;
            }
        });
        var nameOf = links.ToDictionary(link => link.Index, link => link.Name);
        var kernelLinks = links.ToDictionary(link => link.Name, link => new KernelLink(
            link.Index, link.Name, link.Kind, link.Mtu, link.IsUp,
            nameOf.GetValueOrDefault(link.Master), nameOf.GetValueOrDefault(link.Parent),
            link.Mac is { } mac && MacAddress.TryFromOctets(mac, out var own, out _) ? own : null,
            link.Bridge, link.Vlan, vlans.GetValueOrDefault(link.Index) ?? []));

        var addresses = new List<KernelAddress>();
        Dump(AddressRequests.Dump, "list addresses", message =>
        {
            var address = AddressInfo.Parse(message);
            if (nameOf.TryGetValue(address.Index, out var device))
            {
                addresses.Add(new KernelAddress(device, InterfaceAddress.Of(IpAddress.From(address.Address), address.PrefixLength),
                    address.Protocol == EngineMarks.AddressProtocol, address.Protocol == EngineMarks.LeaseAddressProtocol));
            }
        });

        var routes = new List<KernelRoute>();
        Dump(RouteRequests.Dump, "list routes", message =>
        {
            var route = RouteInfo.Parse(message);
            if (route.Table != Rtnetlink.TableMain || route.Type is not (Rtnetlink.RouteTypeUnicast or Rtnetlink.RouteTypeUnreachable))
            {
                return;
            }
            var any = route.Family == AddressFamilies.Inet ? IPAddress.Any : IPAddress.IPv6Any;
            routes.Add(new KernelRoute(Cidr.Of(IpAddress.From(route.Destination ?? any), route.DestinationLength), route.Gateway is { } gateway ? IpAddress.From(gateway) : null,
                nameOf.GetValueOrDefault(route.OutputInterface), route.Metric, route.Protocol == EngineMarks.RouteProtocol,
                route.Type == Rtnetlink.RouteTypeUnreachable));
        });
        return new KernelState(kernelLinks, addresses, routes, rulesetListing);
    }

    /// <summary>Interface indexes by name: one link dump, no addresses or routes.</summary>
    public Dictionary<string, int> ReadIndexes()
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        Dump(LinkRequests.Dump, "list links", message =>
        {
            var link = LinkInfo.Parse(message);
            indexes[link.Name] = link.Index;
        });
        return indexes;
    }

    /// <summary>One link's index by name (a single request, no dump); null when there is no such link.</summary>
    public int? IndexOf(string name)
    {
        _writer.Reset();
        LinkRequests.GetByName(_writer, _socket.NextSequence(), name);
        int? index = null;
        return _socket.Get(_writer, $"find link {name}", KernelException.ENODEV, message => index = LinkInfo.Parse(message).Index) ? index : null;
    }

    public void CreateBridge(string name, BridgeAttributes attributes) =>
        Execute($"create bridge {name}", w => LinkRequests.CreateBridge(w, _socket.NextSequence(), name, attributes));

    public void ChangeBridge(int index, string name, BridgeAttributes attributes) =>
        Execute($"change bridge {name}", w => LinkRequests.ChangeBridge(w, _socket.NextSequence(), index, attributes));

    public void CreateVlan(string name, int parentIndex, ushort vlanId, ushort protocol) =>
        Execute($"create VLAN device {name}", w => LinkRequests.CreateVlan(w, _socket.NextSequence(), name, parentIndex, vlanId, protocol));

    public void ChangeLink(int index, string name, LinkChange change) =>
        Execute($"change {name}", w => LinkRequests.Change(w, _socket.NextSequence(), index, change));

    public void DeleteLink(int index, string name) =>
        Execute($"delete {name}", w => LinkRequests.Delete(w, _socket.NextSequence(), index));

    public void BridgeVlan(bool add, int index, string name, ushort vlanId, ushort flags, bool self) =>
        Execute($"{(add ? "add" : "remove")} VLAN {vlanId} {(add ? "to" : "from")} {name}",
            w => LinkRequests.BridgeVlan(w, _socket.NextSequence(), add, index, vlanId, flags, self));

    /// <param name="protocol">IFA_PROTO tag: the configuration's (the default) or a lease's.</param>
    public void AddAddress(int index, string device, IPAddress address, byte prefixLength, byte protocol = EngineMarks.AddressProtocol, AddressLifetime? lifetime = null) =>
        Execute($"{(lifetime is null ? "add" : "set")} address {address}/{prefixLength} {(lifetime is null ? "to" : "on")} {device}",
            w => AddressRequests.Add(w, _socket.NextSequence(), index, address, prefixLength, protocol, lifetime));

    public void DeleteAddress(int index, string device, IPAddress address, byte prefixLength) =>
        Execute($"remove address {address}/{prefixLength} from {device}",
            w => AddressRequests.Delete(w, _socket.NextSequence(), index, address, prefixLength));

    public void AddRoute(RouteSpec route, string description) =>
        Execute($"add route {description}", w => RouteRequests.Add(w, _socket.NextSequence(), route));

    public void DeleteRoute(RouteSpec route, string description) =>
        Execute($"remove route {description}", w => RouteRequests.Delete(w, _socket.NextSequence(), route));

    public void Dispose() => _socket.Dispose();

    private void Execute(string operation, Action<NetlinkWriter> build)
    {
        _writer.Reset();
        build(_writer);
        _socket.Execute(_writer, operation);
    }

    private void Dump(Action<NetlinkWriter, uint> build, string operation, NetlinkSocket.MessageHandler onMessage)
    {
        _writer.Reset();
        build(_writer, _socket.NextSequence());
        _socket.Dump(_writer, operation, onMessage);
    }
}
