using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>
/// IPv6 from the ISP: DHCPv6 clients and static prefixes on uplinks, the ULA prefix, and the LANs
/// numbered from them. What the prefix cannot number is an error before commit.
/// </summary>
internal static class Ipv6Rules
{
    public static void Check(VerifyContext context)
    {
        var ipv6 = context.Config.Ipv6OrDefault;
        foreach (var client in ipv6.Clients)
            CheckClient(context, client);
        foreach (var prefix in ipv6.StaticPrefixes)
            CheckStaticPrefix(context, prefix);
        CheckUla(context);
        CheckLans(context);
    }

    private static void CheckClient(VerifyContext context, Dhcpv6Client client)
    {
        var path = ConfigPath.Item("ipv6.clients", client.Uplink);
        context.RequireInRange(path.Field("prefixHintLength"), client.PrefixHintLength, Dhcpv6Client.ShortestPrefixHint, LanIpv6.SubnetLength);
        context.RequireInRange(path.Field("routeMetric"), client.RouteMetric, 0, int.MaxValue);
        CheckUplink(context, path.Field("uplink"), client.Uplink, "run a DHCPv6 client");
        if (context.Config.Ipv6OrDefault.StaticPrefixes.Any(prefix => prefix.Uplink == client.Uplink))
            context.Error(path.Field("uplink"), $"{client.Uplink} has a static prefix as well; an uplink's prefix is either delegated by DHCPv6 or set by hand");
    }

    private static void CheckStaticPrefix(VerifyContext context, StaticPrefix prefix)
    {
        var path = ConfigPath.Item("ipv6.staticPrefixes", prefix.Uplink);
        CheckUplink(context, path.Field("uplink"), prefix.Uplink, "have a prefix routed to it");
        if (prefix.Prefix.Family != IpFamily.Ipv6)
        {
            context.Error(path.Field("prefix"), $"{prefix.Prefix} is not IPv6");
            return;
        }
        if (prefix.Prefix.PrefixLength is < Dhcpv6Client.ShortestPrefixHint or > LanIpv6.SubnetLength)
            context.Error(path.Field("prefix"), $"{prefix.Prefix} is not /48 to /64: the LANs are /64s numbered out of it");
        if (!Ipv6Numbering.GlobalUnicast.Contains(prefix.Prefix))
            context.Error(path.Field("prefix"), $"{prefix.Prefix} is not a global unicast prefix ({Ipv6Numbering.GlobalUnicast}); a unique local prefix is the system's ulaPrefix");
    }

    private static void CheckUplink(VerifyContext context, string path, InterfaceName uplink, string role)
    {
        var device = context.RequireDevice(path, uplink);
        if (device is null)
            return;
        context.RefuseBridgeMember(path, uplink, $"{role} (the bridge takes its frames)");
        if (device.Kind == DeviceKind.Pppoe && context.Config.Pppoe.FirstOrDefault(p => p.Name == uplink) is { Ipv6: false })
            context.Error(path, $"PPPoE uplink {uplink} does not negotiate IPv6; turn on its ipv6 (IPv6CP) for DHCPv6 to run over it");
        if (context.Config.Ipv6OrDefault.Lans.Any(lan => lan.Device == uplink))
            context.Error(path, $"{uplink} is an IPv6 LAN as well; a device is either an uplink or a LAN");
    }

    private static void CheckUla(VerifyContext context)
    {
        if (context.Config.SystemOrDefault.UlaPrefix is not { } ula)
            return;
        if (ula.Family != IpFamily.Ipv6 || ula.PrefixLength != Ipv6Numbering.UlaPrefixLength || !Ipv6Numbering.UlaRange.Contains(ula))
            context.Error("system.ulaPrefix", $"{ula} is not a unique local prefix: it is a /48 in {Ipv6Numbering.UlaRange} with a random global id (RFC 4193), such as fd3c:9a21:5e07::/48");
    }

    private static void CheckLans(VerifyContext context)
    {
        var config = context.Config;
        var sources = Ipv6Numbering.Sources(config);
        var hasUla = config.SystemOrDefault.UlaPrefix is not null;
        var subnets = Ipv6Numbering.Assign(config);
        foreach (var subnet in subnets)
        {
            var lan = subnet.Lan;
            var path = ConfigPath.Item("ipv6.lans", lan.Device);
            var device = context.RequireDevice(path.Field("device"), lan.Device);
            if (device is { Kind: DeviceKind.Pppoe })
                context.Error(path.Field("device"), $"{device.Description} is a point-to-point link to the ISP; there is no LAN on it to number");
            else if (device is not null)
                context.RefuseBridgeMember(path.Field("device"), lan.Device, "be an IPv6 LAN (the bridge takes its frames)");
            if (lan.Uplink is { } named && !sources.ContainsKey(named))
                context.Error(path.Field("uplink"), $"{named} has no DHCPv6 client and no static prefix to number this LAN from");
            else if (lan.Uplink is null && sources.Count > 1)
                context.Error(path.Field("uplink"), $"more than one uplink has a prefix ({string.Join(", ", sources.Keys.OrderBy(k => k.Value, StringComparer.Ordinal))}); say which numbers this LAN");
            else if (lan.Uplink is null && sources.Count == 0 && !hasUla)
                context.Error(path, "there is no prefix to number this LAN from: add a DHCPv6 client or a static prefix on an uplink, or a ULA prefix to the system settings");
            var length = subnet.Uplink is { } uplink && sources.TryGetValue(uplink, out var sourceLength) ? sourceLength : Ipv6Numbering.UlaPrefixLength;
            if (length is < Dhcpv6Client.ShortestPrefixHint or > LanIpv6.SubnetLength)
                continue;
            var capacity = Ipv6Numbering.Capacity(length);
            if (subnet.SubnetId < 0 || subnet.SubnetId >= capacity)
            {
                var field = lan.SubnetId is null ? path : path.Field("subnetId");
                var what = lan.SubnetId is null ? "no subnet id is left for it" : $"subnet id {subnet.SubnetId} does not fit";
                context.Error(field, $"{what}: {(subnet.Uplink is { } source ? $"the /{length} of {source}" : "the ULA /48")} numbers {capacity} /64 network{(capacity == 1 ? "" : "s")} (ids 0 to {capacity - 1})" +
                    (subnet.Uplink is not null && config.Ipv6OrDefault.Clients.Any(c => c.Uplink == subnet.Uplink) ? "; ask the ISP for a larger prefix (a shorter prefixHintLength)" : ""));
            }
        }
        foreach (var clash in subnets.Where(s => s.Lan.SubnetId is not null).GroupBy(s => (s.Uplink?.Value, s.SubnetId)).Where(g => g.Count() > 1))
        {
            var lans = clash.Select(s => s.Lan.Device.Value).ToList();
            context.Error(ConfigPath.Item("ipv6.lans", lans[1]).Field("subnetId"), $"subnet id {clash.Key.SubnetId} is taken by {lans[0]} as well; each LAN needs its own /64");
        }
    }
}
