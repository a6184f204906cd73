using System.Net;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Services;
using RouterOS.Engine.Services.Pppoe;
using RouterOS.Engine.Services.Uplinks;
using RouterOS.Engine.Tests.Support.Fakes;

namespace RouterOS.Engine.Tests.Services.Uplinks;

/// <summary>
/// A lease and a PPPoE session reach the kernel as plan steps the Applier runs, like any
/// configuration change: only what is missing or stale, tagged as the lease's or the session's so
/// that drift repair leaves it. On the recording fake kernel; UplinkDhcpTests prove it with udhcpc.
/// </summary>
public sealed class UplinkStepsTests
{
    private static readonly DhcpClient Client = new(InterfaceName.Parse("wan0"), RouteMetric: 10);

    [Fact]
    public void A_lease_adds_its_address_and_default_route_once_and_a_renewal_with_a_new_address_replaces_them()
    {
        using var kernel = new FakeKernel("wan0");
        var first = Lease("203.0.113.20", "203.0.113.1");

        Apply(kernel, UplinkSteps.ForLease(Client, first, null, Network(kernel)));
        var state = Network(kernel);
        Assert.Contains(state.Addresses, address => address.Device == "wan0" && address.Address.ToString() == "203.0.113.20/24" && !address.Ours);
        Assert.Contains("default via 203.0.113.1 dev wan0 proto 16 metric 10", kernel.Rtnetlink.RouteList(), StringComparison.Ordinal);
        Assert.Empty(UplinkSteps.ForLease(Client, first, first, state));

        var moved = Lease("198.51.100.7", "198.51.100.1");
        Apply(kernel, UplinkSteps.ForLease(Client, moved, first, Network(kernel)));

        Assert.Equal(["wan0 198.51.100.7/24"], Network(kernel).Addresses.Select(address => $"{address.Device} {address.Address}"));
        Assert.Equal("default via 198.51.100.1 dev wan0 proto 16 metric 10", kernel.Rtnetlink.RouteList());
    }

    [Fact]
    public void A_lease_given_up_takes_its_address_and_route_away_and_a_missing_device_changes_nothing()
    {
        using var kernel = new FakeKernel("wan0");
        var lease = Lease("203.0.113.20", "203.0.113.1");
        Apply(kernel, UplinkSteps.ForLease(Client, lease, null, Network(kernel)));

        var steps = UplinkSteps.ForLease(Client, null, lease, Network(kernel));
        Apply(kernel, steps);

        Assert.Equal(["delete", "delete"], steps.Select(step => step.Action));
        Assert.Empty(Network(kernel).Addresses);
        Assert.Equal("", kernel.Rtnetlink.RouteList());
        Assert.Empty(UplinkSteps.ForLease(Client with { Device = InterfaceName.Parse("wan9") }, lease, null, Network(kernel)));
    }

    [Fact]
    public void A_session_gets_its_default_route_with_the_configured_metric_and_a_new_metric_replaces_the_old()
    {
        using var kernel = new FakeKernel("eth0", "ppp0");
        var uplink = Uplink(metric: 5);

        Apply(kernel, UplinkSteps.ForSession(uplink, Network(kernel)));
        Assert.Equal("default dev ppp0 proto 202 metric 5", kernel.Rtnetlink.RouteList());
        Assert.Empty(UplinkSteps.ForSession(uplink, Network(kernel)));

        Apply(kernel, UplinkSteps.ForSession(Uplink(metric: 7), Network(kernel)));
        Assert.Equal("default dev ppp0 proto 202 metric 7", kernel.Rtnetlink.RouteList());

        Apply(kernel, UplinkSteps.ForSession(uplink with { DefaultRoute = false }, Network(kernel)));
        Assert.Equal("", kernel.Rtnetlink.RouteList());
    }

    [Fact]
    public void An_ended_session_becomes_a_flush_of_its_address_and_label()
    {
        var step = UplinkSteps.ForSessionEnd(Uplink(metric: 0), new PppoeLink("ppp0", IPAddress.Parse("10.64.0.10"), null, []));

        var flush = Assert.IsType<SessionFlushStep>(step);
        Assert.Equal(IPAddress.Parse("10.64.0.10"), flush.Address);
        Assert.Equal(Nft.RulesetGenerator.SessionLabel(InterfaceName.Parse("ppp0")), flush.Label);
        Assert.Equal("pppoe[ppp0]", flush.Path);
    }

    private static KernelState Network(FakeKernel kernel) => kernel.Session.ReadNetwork();

    private static void Apply(FakeKernel kernel, IReadOnlyList<PlanStep> steps)
    {
        var outcome = Applier.Execute(new Plan([], steps, ""), kernel.Session);
        Assert.True(outcome.Succeeded, outcome.Error);
    }

    private static LeaseEvent Lease(string address, string gateway) =>
        new("bound", IPAddress.Parse(address), 24, [IPAddress.Parse(gateway)], [], 3600, IPAddress.Parse(gateway));

    private static PppoeUplink Uplink(int metric) =>
        new(InterfaceName.Parse("ppp0"), InterfaceName.Parse("eth0"), PlainText.Parse("user"), Secret.Parse("secret"), DefaultRouteMetric: metric);
}
