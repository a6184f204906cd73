using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;

namespace RouterOS.Engine.Reconcile;

/// <summary>
/// Static routes in the main table, keyed by destination and metric, and an unreachable route for
/// each static IPv6 prefix wider than a /64 (RFC 7084 WPD-5: its unused parts are answered, never
/// sent back to the ISP, which routes them to us). The engine's routes carry its own protocol
/// number; it removes only those.
/// </summary>
internal static class RoutePlanner
{
    /// <summary>The kernel stores an IPv6 route given metric 0 with metric 1024 (IP6_RT_PRIO_USER, net/ipv6/route.c).</summary>
    private const uint Ipv6DefaultMetric = 1024;

    public static IEnumerable<PlanStep> Plan(PlanContext context)
    {
        // A route through a PPPoE uplink waits for its session: the ppp device exists only while
        // it is up, and the session puts the route back when it comes up (RouterEngine).
        var sessions = context.Desired.Pppoe.Select(uplink => uplink.Name).ToHashSet();
        var wanted = context.Desired.Routes
            .Where(route => route.Device is not { } device || !sessions.Contains(device) || context.Kernel.Link(device.ToString()) is not null)
            .Select(route => (Path: ConfigPath.Item("routes", route.Key), Kernel: ToKernel(route)))
            .Concat(context.Desired.Ipv6OrDefault.StaticPrefixes.Where(prefix => prefix.Prefix.PrefixLength < LanIpv6.SubnetLength)
                .Select(prefix => (Path: ConfigPath.Item("ipv6.staticPrefixes", prefix.Uplink), Kernel: new KernelRoute(prefix.Prefix, null, null, Ipv6DefaultMetric, Ours: true, Unreachable: true))))
            .ToList();
        var ours = context.Kernel.Routes.Where(route => route.Ours).ToList();
        // Candidates found by destination, gateway and metric, so matching is linear, not wanted x ours.
        var wantedByKey = wanted.ToLookup(item => Key(item.Kernel));
        var oursByKey = ours.ToLookup(Key);
        foreach (var stale in ours.Where(route => !wantedByKey[Key(route)].Any(item => Matches(item.Kernel, route))))
        {
            yield return new RouteStep(ConfigPath.Item("routes", stale.Destination), stale.Destination, stale.Gateway, stale.Device, stale.Metric, Add: false, Unreachable: stale.Unreachable);
        }
        foreach (var (path, kernel) in wanted.Where(item => !oursByKey[Key(item.Kernel)].Any(present => Matches(item.Kernel, present))))
        {
            yield return new RouteStep(path, kernel.Destination, kernel.Gateway, kernel.Device, kernel.Metric, Add: true, Unreachable: kernel.Unreachable);
        }
    }

    private static (Cidr Destination, IpAddress? Gateway, uint Metric) Key(KernelRoute route) => (route.Destination, route.Gateway, route.Metric);

    /// <summary>A route given only a gateway is listed by the kernel with the device it resolved: any device matches.</summary>
    private static bool Matches(KernelRoute wanted, KernelRoute present) =>
        wanted.Destination == present.Destination && wanted.Gateway == present.Gateway && wanted.Metric == present.Metric
        && wanted.Unreachable == present.Unreachable && (wanted.Device is null || wanted.Device == present.Device);

    /// <summary>The route as the kernel will list it once added.</summary>
    internal static KernelRoute ToKernel(StaticRoute route)
    {
        var metric = route.Metric == 0 && route.Destination.Family == IpFamily.Ipv6 ? Ipv6DefaultMetric : (uint)route.Metric;
        return new KernelRoute(route.Destination, route.Gateway, route.Device?.ToString(), metric, Ours: true);
    }
}
