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
    }
}
