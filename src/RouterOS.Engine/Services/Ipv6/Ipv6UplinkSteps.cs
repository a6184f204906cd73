using System.Net;
using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Services.Ipv6;

/// <summary>
/// What an uplink's DHCPv6 lease does to the kernel, as plan steps: each LAN numbered from the
/// uplink gets ::1 of its /64 with the prefix's lifetimes (the kernel deprecates and removes it
/// by itself if no renewal comes), the uplink its own address, the delegated prefix an
/// unreachable route (RFC 7084 WPD-5: its unused parts are never sent back to the ISP), and the
/// advertised router the default route. A changed prefix deprecates the old one's addresses
/// (RFC 9096: preferred 0, valid at most two hours more) so hosts move to the new one at once.
/// Pure: the kernel's state is an input.
/// </summary>
public static class Ipv6UplinkSteps
{
    private static readonly Cidr DefaultDestination = Cidr.Parse("::/0");

    /// <summary>RFC 9096 section 3.5: a stale prefix stays valid this long at most, while hosts move off it.</summary>
    public const uint StaleValidSeconds = 7200;

    /// <summary>An IPv6 route added with metric 0 gets 1024 (IP6_RT_PRIO_USER, net/ipv6/route.c): we write it so, to find it again.</summary>
    public const uint DefaultIpv6Metric = 1024;

    /// <summary>The address each LAN of <paramref name="uplink"/> takes from <paramref name="prefix"/>: (device, address); a LAN whose subnet id the prefix does not hold gets none.</summary>
    public static IReadOnlyList<(string Device, InterfaceAddress Address)> LanAddresses(RouterConfig config, InterfaceName uplink, Cidr prefix)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prefix);
        return [.. Ipv6Numbering.Assign(config)
            .Where(subnet => subnet.Uplink == uplink)
            .Select(subnet => (subnet.Lan.Device.Value, Subnet: Ipv6Numbering.SubnetOf(prefix, subnet.SubnetId)))
            .Where(item => item.Subnet is not null)
            .Select(item => (item.Value, Ipv6Numbering.RouterAddress(item.Subnet!)))];
    }

    public static IReadOnlyList<PlanStep> ForLease(RouterConfig config, Dhcpv6Client client, Dhcpv6Lease lease, Dhcpv6Lease previous, KernelState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(state);
        var uplink = client.Uplink.Value;
        var path = ConfigPath.Item("ipv6.clients", uplink);
        var steps = new List<PlanStep>();
        if (state.Link(uplink) is null)
            return steps;

        // Removals and deprecations first, so a new prefix's steps never meet an old one's.
        var wanted = lease.Prefix is { } current
            ? LanAddresses(config, client.Uplink, current.Value).Where(item => state.Link(item.Device) is not null).ToList()
            : [];
        var wantedKeys = wanted.Select(item => (item.Device, item.Address)).ToHashSet();
        if (previous.Prefix is { } old && old.Value != lease.Prefix?.Value)
        {
            var remaining = old.RemainingAt(now);
            var stale = new AddressLifetime(0, Math.Min(remaining.ValidSeconds, StaleValidSeconds));
            foreach (var address in state.Addresses.Where(a => a.Lease && old.Value.Contains(a.Address.Address)))
            {
                // Lost without a successor, or ran out: nothing is left to move to, so it goes now.
                var deprecate = lease.Prefix is not null && stale.ValidSeconds > 0;
                steps.Add(deprecate
                    ? new AddressStep(path, address.Device, address.Address, Add: true, Owner.Lease, stale)
                    : new AddressStep(path, address.Device, address.Address, Add: false, Owner.Lease));
            }
            if (HasUnreachable(state, old.Value))
                steps.Add(new RouteStep(path, old.Value, null, null, DefaultIpv6Metric, Add: false, Owner.Lease, Unreachable: true));
        }
        if (lease.Prefix is { } prefix)
        {
            // A LAN no longer numbered from this prefix (removed, or given another subnet id) gives its address back.
            foreach (var address in state.Addresses.Where(a => a.Lease && prefix.Value.Contains(a.Address.Address) && !wantedKeys.Contains((a.Device, a.Address))))
                steps.Add(new AddressStep(path, address.Device, address.Address, Add: false, Owner.Lease));
            var lifetime = prefix.RemainingAt(now);
            foreach (var (device, address) in wanted)
                steps.Add(new AddressStep(path, device, address, Add: true, Owner.Lease, lifetime));
            if (prefix.Value.PrefixLength < LanIpv6.SubnetLength && !HasUnreachable(state, prefix.Value))
                steps.Add(new RouteStep(path, prefix.Value, null, null, DefaultIpv6Metric, Add: true, Owner.Lease, Unreachable: true));
        }

        // The uplink's own address (IA_NA) is a /128: the link's prefix comes from the advertisement, not from DHCPv6 (RFC 8415 section 21.6).
        if (previous.Address is { } oldAddress && !oldAddress.Value.Equals(lease.Address?.Value) && HasAddress(state, uplink, oldAddress.Value))
            steps.Add(new AddressStep(path, uplink, Host(oldAddress.Value), Add: false, Owner.Lease));
        if (lease.Address is { } own)
            steps.Add(new AddressStep(path, uplink, Host(own.Value), Add: true, Owner.Lease, own.RemainingAt(now)));

        var metric = client.RouteMetric == 0 ? DefaultIpv6Metric : (uint)client.RouteMetric;
        var router = client.DefaultRoute ? lease.DefaultRouter : null;
        foreach (var route in state.Routes.Where(r => r.Destination == DefaultDestination && r.Device == uplink && !r.Ours && r.Gateway is { } gateway
            && (router is null || !gateway.Address.Equals(router) || r.Metric != metric) && IsOurs(r, previous)))
            steps.Add(new RouteStep(path, DefaultDestination, route.Gateway, uplink, route.Metric, Add: false, Owner.Lease));
        if (router is not null && !state.Routes.Any(r => r.Destination == DefaultDestination && r.Device == uplink && r.Gateway?.Address.Equals(router) == true && r.Metric == metric))
            steps.Add(new RouteStep(path, DefaultDestination, IpAddress.From(router), uplink, metric, Add: true, Owner.Lease));
        return steps;
    }

    /// <summary>A default route through the uplink that this client put there: through the router it knew before.</summary>
    private static bool IsOurs(KernelRoute route, Dhcpv6Lease previous) =>
        previous.Router is { } known && route.Gateway!.Address.Equals(known);

    private static InterfaceAddress Host(IPAddress address) => InterfaceAddress.Of(IpAddress.From(address), 128);

    private static bool HasAddress(KernelState state, string device, IPAddress address) =>
        state.Addresses.Any(a => a.Device == device && a.Address.Address.Address.Equals(address) && a.Address.PrefixLength == 128);

    private static bool HasUnreachable(KernelState state, Cidr prefix) =>
        state.Routes.Any(r => r.Unreachable && r.Destination == prefix);
}
