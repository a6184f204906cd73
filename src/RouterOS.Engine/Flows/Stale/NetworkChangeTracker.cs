using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Netfilter;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Flows.Stale;

/// <summary>
/// Turns rtnetlink's link, neighbour and address messages into the changes that leave fast-path
/// entries stale (<see cref="StaleCause"/>): a link that stops running, a neighbour whose MAC
/// changes, a MAC learnt on another bridge port than before, an address removed. Remembers what
/// it has seen to tell a change from a repeat. A PPPoE session's device is left to the session's
/// own end (RouterEngine deletes its connections by label and address when pppd reports it).
/// Pure: no sockets, one thread.
/// </summary>
public sealed class NetworkChangeTracker
{
    /// <summary>ARPHRD_PPP (include/uapi/linux/if_arp.h): a ppp device.</summary>
    private const ushort PppDevice = 512;

    private readonly Dictionary<int, (string Name, bool Running, int Master)> _links = [];
    private readonly HashSet<int> _pppDevices = [];
    private readonly Dictionary<(int Index, FlowAddress Address), string> _neighbours = [];

    // Kept after the entry is forgotten (a port going down flushes its entries): a MAC learnt
    // again elsewhere is a move all the same.
    private readonly Dictionary<(int Bridge, string Mac), int> _ports = [];

    /// <summary>RTM_NEWLINK (a dump or an event) or RTM_DELLINK.</summary>
    public StaleCause? Link(LinkInfo link, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(link);
        var running = !deleted && link.IsUp && (link.Flags & IfLink.FlagLowerUp) != 0;
        var was = _links.TryGetValue(link.Index, out var known) && known.Running;
        if (deleted)
            _links.Remove(link.Index);
        else
            _links[link.Index] = (link.Name, running, link.Master);
        if (link.DeviceType == PppDevice)
            _pppDevices.Add(link.Index);
        if (!was || running || _pppDevices.Contains(link.Index))
            return null;
        var why = deleted ? $"link {link.Name} was removed" : $"link {link.Name} went down";
        if (link.Master != 0 && NameOf(link.Master) is { } bridge)
        {
            // A bridge port: the flows through the bridge to the hosts behind this port.
            var behind = NeighboursBehind(link.Master, link.Index);
            return behind.Count == 0 ? null : new StaleCause($"{why} (a port of {bridge})", bridge, behind);
        }
        return new StaleCause(why, link.Name, []);
    }

    /// <summary>RTM_NEWNEIGH or RTM_DELNEIGH: an IP neighbour, or a bridge forwarding entry.</summary>
    public StaleCause? Neighbour(NeighbourInfo neighbour, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(neighbour);
        if (neighbour.IsBridgeEntry)
            return BridgeEntry(neighbour, deleted);
        if (neighbour.Address is not { } address || neighbour.Mac is not { } mac || deleted)
            return null;
        var key = (neighbour.Index, address);
        var before = _neighbours.GetValueOrDefault(key);
        _neighbours[key] = mac;
        return before is null || before == mac || NameOf(neighbour.Index) is not { } device ? null
            : new StaleCause($"neighbour {address} on {device} changed its MAC from {before} to {mac}", device, [address]);
    }

    /// <summary>RTM_DELADDR: the router no longer has this address on this device.</summary>
    public StaleCause? AddressRemoved(AddressInfo address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return !_pppDevices.Contains(address.Index) && NameOf(address.Index) is { } device
            ? new StaleCause($"address {address.Address}/{address.PrefixLength} was removed from {device}", device, [], FlowAddress.From(address.Address))
            : null;
    }

    private StaleCause? BridgeEntry(NeighbourInfo entry, bool deleted)
    {
        var bridge = entry.Master != 0 ? entry.Master : _links.GetValueOrDefault(entry.Index).Master;
        if (entry.Mac is not { } mac || bridge == 0 || deleted)
            return null;
        var key = (bridge, mac);
        var before = _ports.TryGetValue(key, out var port) ? port : (int?)null;
        _ports[key] = entry.Index;
        if (before is not { } from || from == entry.Index || NameOf(bridge) is not { } bridgeName)
            return null;
        var hosts = _neighbours.Where(pair => pair.Key.Index == bridge && pair.Value == mac).Select(pair => pair.Key.Address).ToList();
        return hosts.Count == 0 ? null
            : new StaleCause($"{mac} moved from {NameOf(from) ?? from.ToString(System.Globalization.CultureInfo.InvariantCulture)} to {NameOf(entry.Index)} on {bridgeName}", bridgeName, hosts);
    }

    private List<FlowAddress> NeighboursBehind(int bridge, int port)
    {
        var macs = _ports.Where(pair => pair.Key.Bridge == bridge && pair.Value == port).Select(pair => pair.Key.Mac).ToHashSet(StringComparer.Ordinal);
        return [.. _neighbours.Where(pair => pair.Key.Index == bridge && macs.Contains(pair.Value)).Select(pair => pair.Key.Address)];
    }

    private string? NameOf(int index) => _links.TryGetValue(index, out var link) ? link.Name : null;
}
