using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>DHCP clients on uplinks and DHCP servers on LANs.</summary>
internal static class DhcpRules
{
    public static void Check(VerifyContext context)
    {
        var dhcp = context.Config.DhcpOrDefault;
        foreach (var client in dhcp.Clients)
            CheckClient(context, client);
        foreach (var server in dhcp.Servers)
            CheckServer(context, server);
    }

    private static void CheckClient(VerifyContext context, DhcpClient client)
    {
        var path = ConfigPath.Item("dhcp.clients", client.Device);
        context.RequireInRange(path.Field("routeMetric"), client.RouteMetric, 0, int.MaxValue);
        var device = context.RequireDevice(path.Field("device"), client.Device);
        if (device is null)
            return;
        if (device.Kind == DeviceKind.Pppoe)
            context.Error(path.Field("device"), $"{device.Description} gets its address from PPP, not DHCP");
        context.RefuseBridgeMember(path.Field("device"), client.Device, "run a DHCP client (the bridge takes its frames)");
        if (context.AddressesOn(client.Device).Any(a => a.Family == IpFamily.Ipv4))
            context.Warning(path, $"{client.Device} has a static IPv4 address as well as a DHCP client; it will have both");
    }

    private static void CheckServer(VerifyContext context, DhcpServer server)
    {
        var path = ConfigPath.Item("dhcp.servers", server.Device);
        context.RequireInRange(path.Field("leaseTimeSeconds"), server.LeaseTimeSeconds, DhcpServer.MinLeaseTimeSeconds, DhcpServer.MaxLeaseTimeSeconds, "seconds");
        var device = context.RequireDevice(path.Field("device"), server.Device);
        if (device is not null)
        {
            if (device.Kind == DeviceKind.Pppoe)
                context.Error(path.Field("device"), $"{device.Description} is a point-to-point link to the ISP; there is no LAN on it to serve");
            context.RefuseBridgeMember(path.Field("device"), server.Device, "serve DHCP (the bridge takes its frames)");
        }
        if (context.HasDhcpClient(server.Device))
            context.Error(path.Field("device"), $"{server.Device} also runs a DHCP client; a device either takes addresses from a DHCP server or hands them out");
        foreach (var dns in server.DnsServers.Where(d => d.Family != IpFamily.Ipv4))
            context.Error(path.Field("dnsServers"), $"{dns} is not IPv4; DHCPv4 can only announce IPv4 DNS servers (option 6)");
        if (server.StaticLeases.Any(l => l.Hostname is { IsSingleLabel: false }))
            context.Error(path.Field("staticLeases"), "a static lease's hostname is one label (no dots); the domain comes from the server's domain");

        var subnet = CheckRange(context, path, server);
        CheckStaticLeases(context, path, server, subnet);
    }

    /// <summary>Checks the pool against the device's IPv4 subnet; returns that subnet when there is one.</summary>
    private static InterfaceAddress? CheckRange(VerifyContext context, string path, DhcpServer server)
    {
        if (server.RangeStart.Family != IpFamily.Ipv4 || server.RangeEnd.Family != IpFamily.Ipv4)
        {
            context.Error(path, "the address range must be IPv4 (this is a DHCPv4 server)");
            return null;
        }
        if (server.RangeStart.Bits > server.RangeEnd.Bits)
            context.Error(path.Field("rangeStart"), $"the range runs backwards: {server.RangeStart} is after {server.RangeEnd}");
        var own = context.AddressesOn(server.Device).Where(a => a.Family == IpFamily.Ipv4).ToList();
        var home = own.FirstOrDefault(a => a.Subnet.Contains(server.RangeStart) && a.Subnet.Contains(server.RangeEnd));
        if (home is null)
        {
            var subnets = own.Count == 0 ? $"{server.Device} has no static IPv4 address" : $"{server.Device}'s subnets are {string.Join(", ", own.Select(a => a.Subnet))}";
            context.Error(path, $"the range {server.RangeStart}-{server.RangeEnd} must lie in a subnet of {server.Device}, and {subnets}");
            return null;
        }
        if (server.RangeStart.Bits <= home.Address.Bits && home.Address.Bits <= server.RangeEnd.Bits)
            context.Error(path, $"the range {server.RangeStart}-{server.RangeEnd} includes the router's own address {home.Address}");
        return home;
    }

    private static void CheckStaticLeases(VerifyContext context, string path, DhcpServer server, InterfaceAddress? subnet)
    {
        var macs = new HashSet<MacAddress>(server.StaticLeases.Count);
        var addresses = new HashSet<IpAddress>(server.StaticLeases.Count);
        var network = subnet?.Subnet;
        foreach (var lease in server.StaticLeases)
        {
            // Written only for a finding: a configuration may hold thousands of leases.
            string LeasePath() => path.Item("staticLeases", lease.Mac);
            if (!macs.Add(lease.Mac))
                context.Error(LeasePath(), $"{lease.Mac} has more than one static lease");
            if (!addresses.Add(lease.Address))
                context.Error(LeasePath().Field("address"), $"{lease.Address} is given to more than one client");
            if (network is not null && !network.Contains(lease.Address))
                context.Error(LeasePath().Field("address"), $"{lease.Address} is outside {server.Device}'s subnet {network}");
            if (subnet is not null && lease.Address.Equals(subnet.Address))
                context.Error(LeasePath().Field("address"), $"{lease.Address} is the router's own address");
        }
    }
}
