using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Verification.Rules;

/// <summary>Static routes: a way out (gateway or device), one address family, a gateway the router can reach.</summary>
internal static class RouteRules
{
    public static void Check(VerifyContext context)
    {
        // A route's path is written only where it has something to report: there may be a thousand routes.
        foreach (var route in context.Config.Routes)
        {
            // The metric is an int, so only a negative one is out of range.
            if (route.Metric < 0)
                context.RequireInRange(PathOf(route).Field("metric"), route.Metric, 0, int.MaxValue);
            if (route.Gateway is null && route.Device is null)
            {
                context.Error(PathOf(route), "a route needs a gateway, a device, or both");
                continue;
            }
            DeviceNode? device = null;
            if (route.Device is { } name)
            {
                var devicePath = PathOf(route).Field("device");
                if ((device = context.RequireDevice(devicePath, name)) is not null)
                    context.RefuseBridgeMember(devicePath, name, "be a route's device");
            }
            if (route.Gateway is not null)
                CheckGateway(context, route, device);
        }
        WarnAboutCompetingDefaultRoutes(context);
    }

    private static string PathOf(StaticRoute route) => ConfigPath.Item("routes", route.Key);

    private static void CheckGateway(VerifyContext context, StaticRoute route, DeviceNode? device)
    {
        var gateway = route.Gateway!;
        if (gateway.Family != route.Destination.Family)
        {
            context.Error(PathOf(route).Field("gateway"), $"gateway {gateway} is {Family(gateway.Family)} but the destination {route.Destination} is {Family(route.Destination.Family)}");
            return;
        }
        if (context.Subnets.WithAddress(gateway) is { } local)
        {
            context.Error(PathOf(route).Field("gateway"), $"gateway {gateway} is the router's own address on {local.Device}; use the next router's address");
            return;
        }
        var reachable = route.Device is { } only
            ? context.AddressesOn(only).Any(a => a.Subnet.Contains(gateway))
            : context.Subnets.AnyContains(gateway);
        if (reachable)
            return;
        // An address from PPPoE or DHCP may make the gateway reachable; an unknown device is reported already.
        var mayBeReachable = route.Device is { } via
            ? context.HasDynamicAddress(via) || device is null
            : !context.Config.Pppoe.IsEmpty || !context.Config.DhcpOrDefault.Clients.IsEmpty;
        if (!mayBeReachable)
        {
            var where = route.Device is { } dev ? $"on {dev}" : "on any device";
            context.Warning(PathOf(route).Field("gateway"), $"no configured subnet {where} contains gateway {gateway}; the kernel will refuse the route unless the gateway is reachable");
        }
    }

    private static void WarnAboutCompetingDefaultRoutes(VerifyContext context)
    {
        var defaults = context.Config.Routes.Where(r => r.Destination.IsDefault && r.Destination.Family == IpFamily.Ipv4)
            .Select(r => (Metric: r.Metric, Path: PathOf(r)))
            .Concat(context.Config.Pppoe.Where(p => p.DefaultRoute && p.Enabled).Select(p => (Metric: p.DefaultRouteMetric, Path: ConfigPath.Item("pppoe", p.Name))))
            .Concat(context.Config.DhcpOrDefault.Clients.Where(c => c.DefaultRoute).Select(c => (Metric: c.RouteMetric, Path: ConfigPath.Item("dhcp.clients", c.Device))));
        foreach (var group in defaults.GroupBy(d => d.Metric).Where(g => g.Count() > 1))
        {
            var paths = group.Select(g => g.Path).ToList();
            context.Warning(paths[1], $"{string.Join(" and ", paths)} all add an IPv4 default route with metric {group.Key}; give each a different metric so one is the backup");
        }
    }

    private static string Family(IpFamily family) => family == IpFamily.Ipv4 ? "IPv4" : "IPv6";
}
