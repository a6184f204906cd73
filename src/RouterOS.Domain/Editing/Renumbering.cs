using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Editing;

/// <summary>One value carried from the old subnet into the new one: where it is, and what it was and becomes.</summary>
public sealed record CarriedValue(string Path, string What, IpAddress Before, IpAddress After);

/// <summary>The configuration with the dependants carried along, and what moved.</summary>
public sealed record Renumbered(RouterConfig Config, IReadOnlyList<CarriedValue> Moved)
{
    public bool IsEmpty => Moved.Count == 0;
}

/// <summary>
/// When a device's address moves to another subnet (192.168.1.1/24 to 192.168.2.1/24), what lived
/// in the old subnet no longer fits: the DHCP server's range, its static leases and the DNS servers
/// it announces, port forwards' inside hosts, the DNS host records, the gateways of static routes
/// through a router on that network. This carries each of them into
/// the new subnet with its host part kept (192.168.1.50 becomes 192.168.2.50). The address itself
/// is not changed here: the caller edits it. A value whose host part does not fit a smaller new
/// subnet is left where it is (the verifier then says so), never guessed.
/// </summary>
public static class Renumbering
{
    public static Renumbered Carry(RouterConfig config, InterfaceName device, InterfaceAddress from, InterfaceAddress to)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var (old, target) = (from.Subnet, to.Subnet);
        if (old.Family != target.Family || old.Equals(target))
            return new Renumbered(config, []);
        // Another address still in the old subnet keeps it alive: nothing needs to move.
        if (config.Addresses.Any(a => a.Address.Subnet.Equals(old) && !a.Address.Equals(from)))
            return new Renumbered(config, []);

        var moved = new List<CarriedValue>();
        IpAddress Move(string path, string what, IpAddress address)
        {
            if (Moved(address, old, target) is not { } after)
                return address;
            moved.Add(new CarriedValue(path, what, address, after));
            return after;
        }

        var dhcp = config.DhcpOrDefault;
        var servers = dhcp.Servers.Select(server => server.Device != device ? server : CarryServer(server, Move)).ToArray();

        var firewall = config.FirewallOrDefault;
        var forwards = firewall.PortForwards.Select(forward =>
            forward with { InsideHost = Move(ConfigPath.Item("firewall.portForwards", forward.Name.Value).Field("insideHost"), $"port forward {forward.Name}'s inside host", forward.InsideHost) }).ToArray();

        var dns = config.DnsOrDefault;
        var hosts = dns.Hosts.Select(host =>
            host with { Address = Move(ConfigPath.Item("dns.hosts", host.Name.ToString()).Field("address"), $"DNS host {host.Name}", host.Address) }).ToArray();

        var routes = config.Routes.Select(route => route.Gateway is not { } gateway ? route
            : route with { Gateway = Move(ConfigPath.Item("routes", route.Key).Field("gateway"), $"the gateway of the route to {route.Destination}", gateway) }).ToArray();

        if (moved.Count == 0)
            return new Renumbered(config, []);
        var carried = config with
        {
            Routes = [.. routes],
            Dhcp = config.Dhcp is null ? null : dhcp with { Servers = [.. servers] },
            Firewall = config.Firewall is null ? null : firewall with { PortForwards = [.. forwards] },
            Dns = config.Dns is null ? null : dns with { Hosts = [.. hosts] },
        };
        return new Renumbered(carried, moved);
    }

    private static DhcpServer CarryServer(DhcpServer server, Func<string, string, IpAddress, IpAddress> move)
    {
        var path = ConfigPath.Item("dhcp.servers", server.Device.Value);
        return server with
        {
            RangeStart = move(path.Field("rangeStart"), $"the DHCP range's first address on {server.Device}", server.RangeStart),
            RangeEnd = move(path.Field("rangeEnd"), $"the DHCP range's last address on {server.Device}", server.RangeEnd),
            DnsServers = [.. server.DnsServers.Select(d => move(path.Field("dnsServers"), $"a DNS server announced on {server.Device}", d))],
            StaticLeases = [.. server.StaticLeases.Select(l => l with
            {
                Address = move(path.Item("staticLeases", l.Mac).Field("address"), $"the static lease of {l.Mac}{(l.Hostname is null ? "" : $" ({l.Hostname})")}", l.Address),
            })],
        };
    }

    /// <summary>The address with its host part in <paramref name="old"/> kept in <paramref name="target"/>; null when it is not in the old subnet or its host part does not fit.</summary>
    public static IpAddress? Moved(IpAddress address, Cidr old, Cidr target)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(target);
        if (address.Family != old.Family || old.Family != target.Family || !old.Contains(address))
            return null;
        var host = address.Bits & HostMask(old);
        if (host > HostMask(target))
            return null;
        return IpAddress.FromBits(target.Network.Bits | host, target.Family);
    }

    private static UInt128 HostMask(Cidr cidr)
    {
        var hostBits = cidr.Network.BitLength - cidr.PrefixLength;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }
}
