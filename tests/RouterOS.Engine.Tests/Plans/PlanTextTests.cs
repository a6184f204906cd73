using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>
/// The plan's printed lines for addresses, routes and MACs, from the configuration and from what
/// the kernel read back: the text the API and the admin see. The expected lines are what the
/// steps printed for this plan when they held strings (commit b38ca1f).
/// </summary>
public sealed class PlanTextTests
{
    private const string Router = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0", "mac": "02:AA:00:00:00:01" } ],
          "addresses": [ { "device": "lan0", "address": "192.0.2.1/24" }, { "device": "lan0", "address": "2001:db8:0:1::1/64" } ],
          "routes": [
            { "destination": "198.51.100.0/24", "gateway": "192.0.2.254" },
            { "destination": "2001:db8:ff::/48", "gateway": "2001:db8:0:1::fe", "device": "lan0" },
            { "destination": "0.0.0.0/0", "gateway": "192.0.2.254", "metric": 20 }
          ]
        }
        """;

    [Fact]
    public void Address_route_and_mac_steps_print_as_before()
    {
        var kernel = KernelState.Empty with
        {
            Links = new Dictionary<string, KernelLink> { ["lan0"] = Link("lan0", "02:00:00:00:00:09") },
            Addresses = [Address("lan0", "192.0.2.1/24", ours: true), Address("lan0", "192.0.2.0/24", ours: true), Address("lan0", "2001:db8:0:1::9/64", ours: true),
                Address("lan0", "fe80::1/64", ours: false)],
            Routes = [Route("203.0.113.0/24", "192.0.2.254", "lan0", 5), Route("::/0", "2001:db8:0:1::fe", "lan0", 1024),
                Route("198.51.100.0/24", "192.0.2.254", "lan0", 0)],
        };

        var plan = Planner.Create(Configs.Parse(Router), null, kernel, Capabilities.Full, null);

        Assert.False(plan.HasErrors, string.Join("\n", plan.Findings));
        Assert.Equal(
        [
            "delete routes[203.0.113.0/24]: remove route 203.0.113.0/24 via 192.0.2.254 dev lan0 metric 5 (applied_live)",
            "delete routes[::/0]: remove route ::/0 via 2001:db8:0:1::fe dev lan0 metric 1024 (applied_live)",
            "delete addresses[192.0.2.0/24]: remove address 192.0.2.0/24 from lan0 (applied_live)",
            "delete addresses[2001:db8:0:1::9/64]: remove address 2001:db8:0:1::9/64 from lan0 (applied_live)",
            "change ports[lan0]: lan0: MAC 02:aa:00:00:00:01 (applied_live)",
            "create addresses[2001:db8:0:1::1/64]: add address 2001:db8:0:1::1/64 to lan0 (applied_live)",
            "create routes[2001:db8:ff::/48]: add route 2001:db8:ff::/48 via 2001:db8:0:1::fe dev lan0 metric 1024 (applied_live)",
            "create routes[0.0.0.0/0 metric 20]: add route 0.0.0.0/0 via 192.0.2.254 metric 20 (applied_live)",
        ], plan.Steps.Where(step => step is AddressStep or RouteStep or ChangeLinkStep).Select(Line));
    }

    /// <summary>The fields the API sends (path, action, detail, class), as one line.</summary>
    private static string Line(PlanStep step) => $"{step.Action} {step.Path}: {step.Detail} ({step.Class.Wire()})";

    private static KernelLink Link(string name, string mac) =>
        new(2, name, null, 1500, true, null, null, MacAddress.Parse(mac), null, null, []);

    private static KernelAddress Address(string device, string address, bool ours)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        // As the kernel read-back makes it: any address with its prefix, a subnet's network address too.
        return new(device, InterfaceAddress.Of(IpAddress.Parse(address[..slash]), int.Parse(address[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture)), ours);
    }

    private static KernelRoute Route(string destination, string gateway, string device, uint metric) =>
        new(Cidr.Parse(destination), IpAddress.Parse(gateway), device, metric, Ours: true);
}
