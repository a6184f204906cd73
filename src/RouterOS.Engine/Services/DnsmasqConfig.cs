using System.Globalization;
using System.Text;
using RouterOS.Domain.Model;

namespace RouterOS.Engine.Services;

/// <summary>
/// The dnsmasq configuration for the router's LAN services, from the model: a DHCP range per
/// enabled server (tagged by its device, so options go to the right LAN), static leases, the local
/// domain, the DNS forwarder's upstreams and cache, and static host names. dnsmasq serves only the devices that have a
/// DHCP server (the LANs): never the uplinks, where a DNS forwarder would be an open resolver.
/// Null when no DHCP server is enabled: then there is nothing for dnsmasq to do.
/// Every value in it comes from validated types (addresses, names, MACs), so none can inject a
/// line of its own. Option names are dnsmasq(8)'s.
/// </summary>
public static class DnsmasqConfig
{
    /// <param name="uplinkDns">The DNS servers the uplinks' leases gave: the upstreams when none is configured.</param>
    public static string? Generate(RouterConfig config, string leaseFile, IReadOnlyList<System.Net.IPAddress> uplinkDns)
    {
        ArgumentNullException.ThrowIfNull(config);
        var servers = config.DhcpOrDefault.Servers.Where(server => server.Enabled).ToList();
        var dns = config.DnsOrDefault;
        var ipv6Lans = config.Ipv6OrDefault.Lans;
        if (servers.Count == 0 && ipv6Lans.IsEmpty)
            return null;
        var text = new StringBuilder();
        text.AppendLine("# Written by the RouterOS engine from the running configuration; edits are overwritten.");
        // Only the configured devices and only what is written here: no /etc/resolv.conf, no /etc/hosts.
        text.AppendLine("bind-dynamic");
        text.AppendLine("no-resolv");
        text.AppendLine("no-hosts");
        text.AppendLine("no-poll");
        text.AppendLine("log-facility=-");
        text.AppendLine(CultureInfo.InvariantCulture, $"dhcp-leasefile={leaseFile}");
        if (dns.Enabled)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"cache-size={dns.CacheSize}");
            // The configured upstreams, or else the uplinks' (a new lease with other DNS servers
            // changes this file, and dnsmasq restarts: it drops root, so it could not re-read one
            // in the engine's root-only directory).
            var upstreams = dns.UpstreamServers.IsEmpty ? uplinkDns.Select(server => server.ToString()) : dns.UpstreamServers.Select(server => server.ToString());
            foreach (var upstream in upstreams.Distinct())
                text.AppendLine(CultureInfo.InvariantCulture, $"server={upstream}");
            // DNS rebinding: an upstream answer with a private address (a web page's own name
            // pointed at the router or a LAN host) is dropped, so a browser on the LAN cannot be
            // turned against them. Loopback answers stay (some services use 127.0.0.1 names), and
            // the listed domains may answer privately.
            text.AppendLine("stop-dns-rebind");
            text.AppendLine("rebind-localhost-ok");
            foreach (var domain in dns.RebindAllowedDomains.Distinct())
                text.AppendLine(CultureInfo.InvariantCulture, $"rebind-domain-ok=/{domain}/");
            // host-record, not address=/name/addr: it answers that exact name only (address=
            // answers every name under it too, a wildcard nobody asked for) and adds the reverse
            // (PTR) record, so the address resolves back to its name as a DHCP lease's does.
            foreach (var host in dns.Hosts)
                text.AppendLine(CultureInfo.InvariantCulture, $"host-record={host.Name},{host.Address}");
        }
        else
        {
            text.AppendLine("port=0");
        }
        foreach (var device in servers.Select(server => server.Device).Concat(ipv6Lans.Select(lan => lan.Device)).Distinct())
            text.AppendLine(CultureInfo.InvariantCulture, $"interface={device}");
        text.AppendLine("dhcp-authoritative");
        WriteIpv6(text, config, servers);
        foreach (var server in servers)
        {
            var tag = server.Device.Value;
            text.AppendLine(CultureInfo.InvariantCulture, $"dhcp-range=set:{tag},{server.RangeStart},{server.RangeEnd},{server.LeaseTimeSeconds}");
            if (server.Domain is { } domain)
            {
                // The domain is handed out (option 15) and its names are answered here, never
                // forwarded. It covers the LAN's whole subnet, so static leases outside the range get it too.
                var subnet = config.Addresses.FirstOrDefault(a => a.Device == server.Device && a.Address.Subnet.Contains(server.RangeStart))?.Address.Subnet;
                text.AppendLine(CultureInfo.InvariantCulture, $"domain={domain},{(subnet is null ? $"{server.RangeStart},{server.RangeEnd}" : subnet.ToString())}");
                text.AppendLine(CultureInfo.InvariantCulture, $"local=/{domain}/");
            }
            if (!server.DnsServers.IsEmpty)
                text.AppendLine(CultureInfo.InvariantCulture, $"dhcp-option=tag:{tag},option:dns-server,{string.Join(',', server.DnsServers)}");
            foreach (var lease in server.StaticLeases)
            {
                var hostname = lease.Hostname is { } name ? $",{name}" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"dhcp-host={lease.Mac},{lease.Address}{hostname}");
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Router advertisements and DHCPv6 on each IPv6 LAN. "constructor:" makes dnsmasq take the
    /// prefix from the device's own addresses (the engine puts ::1 of each /64 there, with a
    /// delegated prefix's lifetimes), so a new or withdrawn prefix is advertised as the device's
    /// addresses change, without a restart. Its RAs carry the router as DNS server (RDNSS).
    /// </summary>
    private static void WriteIpv6(StringBuilder text, RouterConfig config, List<DhcpServer> servers)
    {
        var lans = config.Ipv6OrDefault.Lans;
        if (lans.IsEmpty)
            return;
        text.AppendLine("enable-ra");
        foreach (var lan in lans)
        {
            var device = lan.Device.Value;
            var lease = servers.FirstOrDefault(server => server.Device == lan.Device)?.LeaseTimeSeconds ?? DhcpServer.DefaultLeaseTimeSeconds;
            // ::1000-::ffff of each /64 for stateful leases: clear of ::1 (the router) and of hand-numbered hosts low in the subnet.
            var range = lan.Mode switch
            {
                Ipv6LanMode.Slaac => $"::,constructor:{device},ra-only",
                Ipv6LanMode.SlaacAndStatelessDhcp => $"::,constructor:{device},ra-stateless",
                _ => $"::1000,::ffff,constructor:{device},slaac",
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"dhcp-range=set:{device},{range},{LanIpv6.SubnetLength},{lease}");
        }
    }
}
