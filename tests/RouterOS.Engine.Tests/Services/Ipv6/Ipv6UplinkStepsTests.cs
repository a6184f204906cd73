using System.Net;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services.Ipv6;
using RouterOS.Engine.Tests.Support;
using RouterOS.Engine.Tests.Support.Fakes;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Services.Ipv6;

/// <summary>
/// A DHCPv6 lease reaches the kernel as plan steps: the LANs numbered from the prefix, the
/// uplink's address, the unreachable route and the default route; a new prefix deprecates the
/// old one's addresses. On the recording fake kernel; Ipv6UplinkTests prove it with dhcpcd and Kea.
/// </summary>
public sealed class Ipv6UplinkStepsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-08T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly RouterConfig Config = Configs.Parse("""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "wan0" }, { "name": "lan0" }, { "name": "lan1" } ],
          "ipv6": { "clients": [ { "uplink": "wan0" } ], "lans": [ { "device": "lan0" }, { "device": "lan1", "subnetId": 7 } ] }
        }
        """);

    private static readonly Dhcpv6Client Client = Config.Ipv6OrDefault.Clients[0];

    [Fact]
    public void A_lease_numbers_each_lan_with_the_prefix_lifetimes_and_routes_the_rest_of_the_prefix_nowhere()
    {
        using var kernel = new FakeKernel("wan0", "lan0", "lan1");
        var lease = Lease("2001:db8:100::/56", router: "fe80::1");

        Apply(kernel, Ipv6UplinkSteps.ForLease(Config, Client, lease, Dhcpv6Lease.None, kernel.Session.ReadNetwork(), Now));

        Assert.Equal(["lan0 2001:db8:100::1/64", "lan1 2001:db8:100:7::1/64", "wan0 2001:db8:0:1::100/128"],
            kernel.Session.ReadNetwork().Addresses.Where(a => a.Lease).Select(a => $"{a.Device} {a.Address}").Order(StringComparer.Ordinal));
        Assert.Contains("set address 2001:db8:100::1/64 on lan0", kernel.Rtnetlink.Journal);
        var routes = kernel.Rtnetlink.RouteList();
        Assert.Contains("2001:db8:100::/56 dev  proto 16 metric 1024", routes, StringComparison.Ordinal);
        Assert.Contains("default via fe80::1 dev wan0 proto 16 metric 1024", routes, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renewal_sets_the_lifetimes_again_and_adds_no_route_twice()
    {
        using var kernel = new FakeKernel("wan0", "lan0", "lan1");
        var lease = Lease("2001:db8:100::/56", router: "fe80::1");
        Apply(kernel, Ipv6UplinkSteps.ForLease(Config, Client, lease, Dhcpv6Lease.None, kernel.Session.ReadNetwork(), Now));

        var steps = Ipv6UplinkSteps.ForLease(Config, Client, lease, lease, kernel.Session.ReadNetwork(), Now.AddSeconds(30));

        Assert.All(steps, step => Assert.IsType<AddressStep>(step));
        Assert.All(steps.Cast<AddressStep>(), step => Assert.NotNull(step.Lifetime));
        Apply(kernel, steps);
    }

    [Fact]
    public void A_new_prefix_deprecates_the_old_ones_addresses_for_two_hours_at_most_and_moves_the_unreachable_route()
    {
        using var kernel = new FakeKernel("wan0", "lan0", "lan1");
        var old = Lease("2001:db8:100::/56", router: "fe80::1", valid: 86400);
        Apply(kernel, Ipv6UplinkSteps.ForLease(Config, Client, old, Dhcpv6Lease.None, kernel.Session.ReadNetwork(), Now));
        var renumbered = Lease("2001:db8:200::/56", router: "fe80::1");

        var steps = Ipv6UplinkSteps.ForLease(Config, Client, renumbered, old, kernel.Session.ReadNetwork(), Now);

        var deprecated = steps.OfType<AddressStep>().Where(step => step.Address.ToString().StartsWith("2001:db8:100:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, deprecated.Count);
        Assert.All(deprecated, step => Assert.Equal(new AddressLifetime(0, Ipv6UplinkSteps.StaleValidSeconds), step.Lifetime));
        Apply(kernel, steps);
        var routes = kernel.Rtnetlink.RouteList();
        Assert.DoesNotContain("2001:db8:100::/56", routes, StringComparison.Ordinal);
        Assert.Contains("2001:db8:200::/56", routes, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_prefix_takes_its_addresses_and_route_away_and_a_lan_left_out_gives_its_address_back()
    {
        using var kernel = new FakeKernel("wan0", "lan0", "lan1");
        var lease = Lease("2001:db8:100::/56", router: "fe80::1");
        Apply(kernel, Ipv6UplinkSteps.ForLease(Config, Client, lease, Dhcpv6Lease.None, kernel.Session.ReadNetwork(), Now));

        var withoutLan1 = Config with { Ipv6 = Config.Ipv6OrDefault with { Lans = [Config.Ipv6OrDefault.Lans[0]] } };
        Apply(kernel, Ipv6UplinkSteps.ForLease(withoutLan1, Client, lease, lease, kernel.Session.ReadNetwork(), Now));
        Assert.DoesNotContain(kernel.Session.ReadNetwork().Addresses, a => a.Device == "lan1" && a.Lease);

        var lost = lease with { Prefix = null, Address = null };
        Apply(kernel, Ipv6UplinkSteps.ForLease(withoutLan1, Client, lost, lease, kernel.Session.ReadNetwork(), Now));
        Assert.DoesNotContain(kernel.Session.ReadNetwork().Addresses, a => a.Lease);
        Assert.DoesNotContain("2001:db8:100::/56", kernel.Rtnetlink.RouteList(), StringComparison.Ordinal);
        Assert.Contains("default via fe80::1", kernel.Rtnetlink.RouteList(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_too_small_for_a_lans_subnet_id_numbers_only_the_lans_that_fit() =>
        Assert.Equal(["lan0"], Ipv6UplinkSteps.LanAddresses(Config, Client.Uplink, Cidr.Parse("2001:db8:100::/62")).Select(item => item.Device));

    private static Dhcpv6Lease Lease(string prefix, string router, uint valid = 3600) =>
        new(new(Cidr.Parse(prefix), new AddressLifetime(valid / 2, valid), Now), new(IPAddress.Parse("2001:db8:0:1::100"), new AddressLifetime(600, 1200), Now),
            [IPAddress.Parse("2001:db8::53")], IPAddress.Parse(router), 1800);

    private static void Apply(FakeKernel kernel, IReadOnlyList<PlanStep> steps)
    {
        var outcome = Applier.Execute(new Plan([], steps, ""), kernel.Session);
        Assert.True(outcome.Succeeded, outcome.Error);
    }
}
