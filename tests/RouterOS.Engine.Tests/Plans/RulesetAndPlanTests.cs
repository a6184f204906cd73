using RouterOS.Domain.Values;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Nft;
using RouterOS.Engine.Probe;
using RouterOS.Engine.Reconcile;
using RouterOS.Engine.Tests.Support;
using RouterOS.Netlink.Constants;
using RouterOS.Netlink.Route;

namespace RouterOS.Engine.Tests.Plans;

/// <summary>Plans and nft text for what only the full kernel can run (flowtables, VLANs, VLAN filtering): checked here as values.</summary>
public sealed class RulesetAndPlanTests
{
    private const string FlowtableRouter = """
    {
      "schemaVersion": 1,
      "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ],
      "bridges": [ { "name": "br-lan", "vlanFiltering": true, "ports": [ { "name": "eth1", "vlans": [ { "vlan": 10, "untagged": true, "pvid": true } ] }, { "name": "eth2" } ] } ],
      "vlans": [ { "name": "eth0.7", "parent": "eth0", "id": 7 } ],
      "flowtables": [ { "name": "ft", "devices": [ "br-lan", "eth0.7" ], "priority": "filter + 10", "counter": true, "hardwareOffload": true } ],
      "offloadPolicy": [
        { "name": "no-voip", "action": "never", "match": { "protocol": "udp", "destinationPorts": [ 5060 ] } },
        { "name": "all", "action": "offload", "flowtable": "ft" }
      ],
      "firewall": { "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }, { "name": "wan", "interfaces": [ "eth0.7" ], "masquerade": true } ],
                    "forwardings": [ { "from": "lan", "to": "wan" } ] }
    }
    """;

    [Fact]
    public void Flowtable_lists_the_real_devices_with_counter_and_offload()
    {
        var text = RulesetGenerator.Generate(Configs.Parse(FlowtableRouter)).Table;

        Assert.Contains("flowtable ft_ft {", text, StringComparison.Ordinal);
        Assert.Contains("hook ingress priority filter + 10", text, StringComparison.Ordinal);
        Assert.Contains("devices = { \"eth1\", \"eth2\", \"eth0\" }", text, StringComparison.Ordinal);
        Assert.Contains("        counter\n        flags offload\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Offload_policy_keeps_its_order_and_never_returns_without_a_verdict()
    {
        var text = RulesetGenerator.Generate(Configs.Parse(FlowtableRouter)).Table;

        var never = text.IndexOf("meta l4proto udp ct reply proto-src { 5060 } return", StringComparison.Ordinal);
        var offload = text.IndexOf("meta l4proto { tcp, udp } flow add @ft_ft return", StringComparison.Ordinal);
        Assert.True(never > 0 && offload > never, text);
        Assert.Contains("jump offload_policy", text, StringComparison.Ordinal);
        Assert.Contains("chain offload_policy {", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Offload_rules_match_both_directions_of_a_connection()
    {
        var rule = new Domain.Model.OffloadRule(Domain.Values.ObjectName.Parse("nas"), Domain.Model.OffloadAction.Never, Match: new Domain.Model.OffloadMatch(
            Domain.Model.L4Protocol.Tcp, Domain.Values.InterfaceName.Parse("br-lan"), Domain.Values.InterfaceName.Parse("wan0"),
            Domain.Values.Cidr.Parse("192.168.1.0/24"), Domain.Values.Cidr.Parse("203.0.113.0/24"), [Domain.Values.PortRange.OfPort(443)]));

        var lines = RulesetGenerator.OffloadRuleLines(rule).ToList();

        // Replies come in on wan0 from port 443: the same rule must catch them, by the connection's tuples.
        Assert.Equal(
        [
            "meta l4proto tcp ct reply proto-src { 443 } ct original ip saddr 192.168.1.0/24 ct reply ip saddr 203.0.113.0/24 ct direction original iifname \"br-lan\" oifname \"wan0\" return",
            "meta l4proto tcp ct reply proto-src { 443 } ct original ip saddr 192.168.1.0/24 ct reply ip saddr 203.0.113.0/24 ct direction reply iifname \"wan0\" oifname \"br-lan\" return",
        ], lines);
    }

    [Fact]
    public void Ruleset_errors_map_back_to_the_configuration_path()
    {
        var ruleset = RulesetGenerator.Generate(Configs.Parse(FlowtableRouter));
        var line = ruleset.ReplaceCommand.Split('\n').ToList().FindIndex(l => l.Contains("flags offload", StringComparison.Ordinal)) + 1;

        Assert.Equal("flowtables[ft].hardwareOffload", ruleset.PathOfCommandLine(line));
    }

    [Fact]
    public void A_kernel_without_flowtables_or_vlans_fails_the_plan_with_reasons()
    {
        var none = new Capabilities(false, false, false, false, new Dictionary<string, bool>(), []);

        var plan = Planner.Create(Configs.Parse(FlowtableRouter), null, Kernel("eth0", "eth1", "eth2"), none, null);

        Assert.True(plan.HasErrors);
        Assert.Empty(plan.Steps);
        Assert.Contains(plan.Findings, f => f.Path == "flowtables[ft]" && f.Message.Contains("nf_flow_table", StringComparison.Ordinal));
        Assert.Contains(plan.Findings, f => f.Path == "vlans[eth0.7]" && f.Message.Contains("8021q", StringComparison.Ordinal));
        Assert.Contains(plan.Findings, f => f.Path == "bridges[br-lan].vlanFiltering");
    }

    [Fact]
    public void Hardware_offload_on_a_device_without_it_fails_in_plain_words()
    {
        var caps = Capabilities.Full with { HardwareOffload = new Dictionary<string, bool> { ["eth0"] = false } };

        var plan = Planner.Create(Configs.Parse(FlowtableRouter), null, Kernel("eth0", "eth1", "eth2"), caps, null);

        Assert.Contains(plan.Findings, f => f.Path == "flowtables[ft].hardwareOffload"
            && f.Message.StartsWith("no hardware flow offload on eth0: the software fast path will be used", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_kernel_plan_creates_bridge_vlan_and_port_vlans_in_order()
    {
        var plan = Planner.Create(Configs.Parse(FlowtableRouter), null, Kernel("eth0", "eth1", "eth2"), Capabilities.Full, null);

        Assert.False(plan.HasErrors, plan.ToString());
        var steps = plan.Steps.ToList();
        var bridge = steps.FindIndex(s => s is CreateBridgeStep { Name: "br-lan", Attributes.VlanFiltering: true });
        var vlan = steps.FindIndex(s => s is CreateVlanStep { Name: "eth0.7", Parent: "eth0", VlanId: 7, Protocol: IfLink.EtherType8021Q });
        var join = steps.FindIndex(s => s is ChangeLinkStep { Name: "eth1", Master: "br-lan" });
        var portVlan = steps.FindIndex(s => s is BridgeVlanStep { Device: "eth1", VlanId: 10, Add: true, Flags: IfBridge.VlanPvid | IfBridge.VlanUntagged });
        var defaultPvid = steps.FindIndex(s => s is BridgeVlanStep { Device: "eth2", VlanId: 1, Add: true });
        Assert.True(bridge >= 0 && vlan > bridge && join > vlan && portVlan > join && defaultPvid > join, plan.ToString());
        // The atomic table replace leads: refused, it leaves every link as it was.
        Assert.IsType<RulesetStep>(steps[0]);
    }

    [Fact]
    public void Changing_a_vlan_id_recreates_it_and_a_priority_change_recreates_the_flowtable()
    {
        var before = Configs.Parse(FlowtableRouter);
        var after = Configs.Parse(FlowtableRouter.Replace("\"id\": 7", "\"id\": 8", StringComparison.Ordinal)
            .Replace("filter + 10", "filter + 20", StringComparison.Ordinal));
        var kernel = Kernel("eth0", "eth1", "eth2") is var k
            ? k with { Links = new Dictionary<string, KernelLink>(k.Links) { ["eth0.7"] = Link("eth0.7", 9, "vlan") with { Parent = "eth0", Vlan = new VlanAttributes(7, IfLink.EtherType8021Q) } } }
            : k;

        var plan = Planner.Create(after, before, kernel, Capabilities.Full, null);

        Assert.Contains(plan.Steps, s => s is DeleteLinkStep { Name: "eth0.7", Class: ChangeClass.Recreate });
        Assert.Contains(plan.Steps, s => s is CreateVlanStep { Name: "eth0.7", VlanId: 8, Class: ChangeClass.Recreate });
        Assert.Contains(plan.Steps, s => s is RulesetStep { Class: ChangeClass.Recreate } r && r.Detail.Contains("flowtables[ft]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_through_a_pppoe_uplink_waits_for_its_session_and_pppoe_needs_no_warning()
    {
        const string Pppoe = """
            {
              "schemaVersion": 1,
              "ports": [ { "name": "eth0" } ],
              "pppoe": [ { "name": "ppp-wan", "parent": "eth0", "username": "u", "password": "p" } ],
              "routes": [ { "destination": "198.51.100.0/24", "device": "ppp-wan" } ],
              "firewall": { "zones": [ { "name": "wan", "interfaces": [ "ppp-wan" ] } ] }
            }
            """;
        var config = Configs.Parse(Pppoe);

        var down = Planner.Create(config, null, Kernel("eth0"), Capabilities.Full, null);
        var up = Planner.Create(config, null, Kernel("eth0", "ppp-wan"), Capabilities.Full, null);

        Assert.DoesNotContain(down.Steps, step => step is RouteStep);
        Assert.Contains(up.Steps, step => step is RouteStep { Add: true, Device: "ppp-wan" } route && route.Destination == Cidr.Parse("198.51.100.0/24"));
        Assert.DoesNotContain(down.Findings, finding => finding.Path.StartsWith("pppoe", StringComparison.Ordinal));
        // The flowtable and firewall name the device; the flowtable is never given the ppp device itself.
        Assert.DoesNotContain("ppp-wan", RulesetGenerator.Generate(Configs.Parse(Pppoe.Replace("\"routes\"", "\"flowtables\": [ { \"name\": \"ft\", \"devices\": [ \"ppp-wan\" ] } ], \"routes\"", StringComparison.Ordinal))).Table.Split("chain")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_ipv6_prefix_numbers_its_lan_and_routes_its_unused_parts_nowhere_once()
    {
        var config = Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "wan0" }, { "name": "lan0" } ],
              "ipv6": { "staticPrefixes": [ { "uplink": "wan0", "prefix": "2001:db8:42::/56" } ], "lans": [ { "device": "lan0", "subnetId": 2 } ] },
              "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ] }
            }
            """);

        var plan = Planner.Create(config, null, Kernel("wan0", "lan0"), Capabilities.Full, null);

        Assert.Contains(plan.Steps, step => step is AddressStep { Add: true, Device: "lan0", Path: "ipv6.lans[lan0]" } address && address.Address.ToString() == "2001:db8:42:2::1/64");
        var unreachable = Assert.Single(plan.Steps.OfType<RouteStep>());
        Assert.True(unreachable is { Add: true, Unreachable: true, Device: null, Gateway: null, Path: "ipv6.staticPrefixes[wan0]" }, unreachable.ToString());
        Assert.Equal(Cidr.Parse("2001:db8:42::/56"), unreachable.Destination);
        var applied = Kernel("wan0", "lan0") with
        {
            Routes = [new KernelRoute(Cidr.Parse("2001:db8:42::/56"), null, null, 1024, Ours: true, Unreachable: true)],
            Addresses = [new KernelAddress("lan0", InterfaceAddress.Parse("2001:db8:42:2::1/64"), Ours: true)],
        };
        Assert.DoesNotContain(Planner.Create(config, null, applied, Capabilities.Full, null).Steps, step => step is RouteStep or AddressStep);
    }

    private static KernelState Kernel(params string[] ports) => KernelState.Empty with
    {
        Links = ports.Select((name, i) => Link(name, i + 2, null)).ToDictionary(link => link.Name),
    };

    private static KernelLink Link(string name, int index, string? kind) =>
        new(index, name, kind, 1500, true, null, null, null, null, null, []);
}
