using System.Net;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services.Pppoe;

namespace RouterOS.Engine.Services.Uplinks;

/// <summary>
/// What a DHCP lease or a PPPoE session does to the kernel, as plan steps that the
/// <see cref="Applier"/> runs like any configuration change. Pure: the kernel's state is an input,
/// and only what is missing or stale becomes a step.
/// </summary>
public static class UplinkSteps
{
    /// <summary>The IPv4 default route's destination, 0.0.0.0/0: leases and sessions here are IPv4.</summary>
    private static readonly Cidr DefaultDestination = Cidr.Parse("0.0.0.0/0");

    /// <summary>
    /// A lease into the kernel (or the previous one out): its address, tagged as a lease's so
    /// drift repair leaves it, and the default route through its gateway with the configured
    /// metric. Nothing when the device is gone.
    /// </summary>
    public static IReadOnlyList<PlanStep> ForLease(DhcpClient client, LeaseEvent? lease, LeaseEvent? previous, KernelState state)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        var device = client.Device.Value;
        if (state.Link(device) is null)
        {
            return [];
        }
        var path = ConfigPath.Item("dhcp.clients", device);
        var metric = (uint)client.RouteMetric;
        var steps = new List<PlanStep>();
        var sameAddress = lease is not null && previous is not null && lease.Address!.Equals(previous.Address) && lease.PrefixLength == previous.PrefixLength;
        var sameRoute = lease is not null && previous is not null && lease.Gateway?.Equals(previous.Gateway) == true;
        // Removals first (route, then address), so the new lease's never collides with the old one's.
        if (client.DefaultRoute && previous?.Gateway is { } oldGateway && !sameRoute && HasDefaultRoute(state, oldGateway, metric))
        {
            steps.Add(new RouteStep(path, DefaultDestination, IpAddress.From(oldGateway), device, metric, Add: false, Owner.Lease));
        }
        if (previous is { Address: { } oldAddress } && !sameAddress && HasAddress(state, device, oldAddress, previous.PrefixLength))
        {
            steps.Add(new AddressStep(path, device, InterfaceAddress.Of(IpAddress.From(oldAddress), previous.PrefixLength), Add: false, Owner.Lease));
        }
        if (lease is null)
        {
            return steps;
        }
        if (!HasAddress(state, device, lease.Address!, lease.PrefixLength))
        {
            steps.Add(new AddressStep(path, device, InterfaceAddress.Of(IpAddress.From(lease.Address!), lease.PrefixLength), Add: true, Owner.Lease));
        }
        if (client.DefaultRoute && lease.Gateway is { } gateway && !HasDefaultRoute(state, gateway, metric))
        {
            steps.Add(new RouteStep(path, DefaultDestination, IpAddress.From(gateway), device, metric, Add: true, Owner.Lease));
        }
        return steps;
    }

    /// <summary>
    /// The session's default route through the ppp device (no gateway: point-to-point), with the
    /// configured metric (pppd's own defaultroute cannot set one); any other metric's removed.
    /// Nothing when the device is gone.
    /// </summary>
    public static IReadOnlyList<PlanStep> ForSession(PppoeUplink uplink, KernelState state)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(state);
        var device = uplink.Name.Value;
        if (state.Link(device) is null)
        {
            return [];
        }
        var path = ConfigPath.Item("pppoe", device);
        var present = state.Routes.Where(route => route.Destination == DefaultDestination && route.Device == device && route.Gateway is null && !route.Ours).ToList();
        uint? wanted = uplink.DefaultRoute ? (uint)uplink.DefaultRouteMetric : null;
        var steps = new List<PlanStep>();
        foreach (var stale in present.Where(route => route.Metric != wanted))
        {
            steps.Add(new RouteStep(path, DefaultDestination, null, device, stale.Metric, Add: false, Owner.Session));
        }
        if (wanted is { } metric && !present.Any(route => route.Metric == metric))
        {
            steps.Add(new RouteStep(path, DefaultDestination, null, device, metric, Add: true, Owner.Session));
        }
        return steps;
    }

    /// <summary>The connections through a session that ended, deleted so the next packet is routed afresh through the new one.</summary>
    public static PlanStep ForSessionEnd(PppoeUplink uplink, PppoeLink ended)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(ended);
        return new SessionFlushStep(ConfigPath.Item("pppoe", uplink.Name.Value), ended.Local, RulesetGenerator.SessionLabel(uplink.Name),
            $"delete the connections through the ended session on {uplink.Name} ({ended.Local})");
    }

    private static bool HasAddress(KernelState state, string device, IPAddress address, int prefixLength) =>
        state.Addresses.Any(present => present.Device == device && present.Address.Address.Address.Equals(address) && present.Address.PrefixLength == prefixLength);

    private static bool HasDefaultRoute(KernelState state, IPAddress gateway, uint metric) =>
        state.Routes.Any(route => route.Destination == DefaultDestination && route.Gateway?.Address.Equals(gateway) == true && route.Metric == metric);
}
