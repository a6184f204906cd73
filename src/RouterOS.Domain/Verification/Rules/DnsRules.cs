using RouterOS.Domain.Model;

namespace RouterOS.Domain.Verification.Rules;

internal static class DnsRules
{
    public static void Check(VerifyContext context)
    {
        var dns = context.Config.DnsOrDefault;
        context.RequireInRange("dns.cacheSize", dns.CacheSize, 0, DnsSettings.MaxCacheSize, "names");
        var seen = new HashSet<Values.IpAddress>();
        foreach (var server in dns.UpstreamServers)
        {
            if (!seen.Add(server))
                context.Error("dns.upstreamServers".Key(server), $"{server} is listed twice");
        }
        if (!dns.Enabled && context.Config.DhcpOrDefault.Servers.Any(s => s.Enabled && s.DnsServers.IsEmpty))
            context.Warning("dns.enabled", "the router's DNS is off, but a DHCP server announces the router as DNS server (its dnsServers list is empty); LAN clients will fail to resolve names");
        CheckHosts(context, dns);
    }

    private static void CheckHosts(VerifyContext context, DnsSettings dns)
    {
        var names = new HashSet<Values.DnsName>();
        foreach (var host in dns.Hosts)
        {
            if (!names.Add(host.Name))
                context.Error("dns.hosts".Key(host.Name), $"{host.Name} is listed more than once; give each name one address");
        }
        if (dns.Hosts.IsEmpty)
            return;
        // The names are answered by the router's dnsmasq, which runs only for the LANs' DHCP servers.
        if (!dns.Enabled)
            context.Warning("dns.hosts", "the router's DNS is off: these names are not answered");
        else if (!context.Config.DhcpOrDefault.Servers.Any(s => s.Enabled))
            context.Warning("dns.hosts", "no DHCP server is enabled, so the router's DNS does not run (it serves the LANs that have one): these names are not answered");
    }
}
