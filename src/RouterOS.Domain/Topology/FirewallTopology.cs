using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Topology;

/// <summary>
/// Where the firewall's addresses and zones meet: which zone holds an interface, and which of the
/// router's networks (a static IPv4 address's subnet) holds a host. Verify and the ruleset both
/// ask this, so a port forward is checked and written from the same answer.
/// </summary>
public sealed class FirewallTopology
{
    private readonly Dictionary<InterfaceName, Zone> _zoneOf = [];
    private readonly Dictionary<ObjectName, Zone> _zones = [];
    private readonly List<AddressAssignment> _ipv4 = [];
    private readonly HashSet<IpAddress> _routerAddresses = [];

    public FirewallTopology(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var zone in config.FirewallOrDefault.Zones)
        {
            _zones.TryAdd(zone.Name, zone);
            foreach (var name in zone.Interfaces)
                _zoneOf.TryAdd(name, zone);
        }
        foreach (var assignment in config.Addresses)
        {
            _routerAddresses.Add(assignment.Address.Address);
            if (assignment.Address.Family == IpFamily.Ipv4)
                _ipv4.Add(assignment);
        }
    }

    public Zone? Zone(ObjectName name) => _zones.GetValueOrDefault(name);

    /// <summary>The zone an interface is in, if any (the first, when an invalid configuration names it twice).</summary>
    public Zone? ZoneOf(InterfaceName device) => _zoneOf.GetValueOrDefault(device);

    /// <summary>True when <paramref name="address"/> is one of the router's own static addresses.</summary>
    public bool IsRouterAddress(IpAddress address) => _routerAddresses.Contains(address);

    /// <summary>
    /// The router's network that holds <paramref name="host"/>: the interface and subnet of the
    /// most specific static IPv4 address whose subnet contains it; null when none does.
    /// </summary>
    public AddressAssignment? NetworkOf(IpAddress host)
    {
        ArgumentNullException.ThrowIfNull(host);
        AddressAssignment? best = null;
        foreach (var assignment in _ipv4)
        {
            if (assignment.Address.Subnet.Contains(host) && (best is null || assignment.Address.PrefixLength > best.Address.PrefixLength))
                best = assignment;
        }
        return best;
    }

    /// <summary>The router's static IPv4 addresses on interfaces that are not in zone <paramref name="zone"/> (in another zone or in none).</summary>
    public IEnumerable<IpAddress> Ipv4AddressesOutside(ObjectName zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return _ipv4.Where(assignment => _zoneOf.GetValueOrDefault(assignment.Device)?.Name != zone).Select(assignment => assignment.Address.Address).Distinct();
    }
}
