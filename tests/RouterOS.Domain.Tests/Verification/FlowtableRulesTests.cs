using RouterOS.Domain.Model;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

public class FlowtableRulesTests
{
    private const string Router = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" }, { "name": "eth3" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" }, { "name": "eth2" } ] }, { "name": "br-empty" } ],
        "vlans": [ { "name": "eth0.7", "parent": "eth0", "id": 7 } ],
        "pppoe": [ { "name": "wan", "parent": "eth0.7", "username": "u", "password": "p" } ]
        """;

    private static string Use(string flowtable) =>
        $$""" "offloadPolicy": [ { "name": "use-{{flowtable}}", "action": "offload", "flowtable": "{{flowtable}}" } ] """;

    [Fact]
    public void A_flowtable_of_real_devices_used_by_a_rule_is_clean() =>
        CleanAt(Verify($$"""{{Router}}, "flowtables": [ { "name": "ft", "devices": [ "eth0", "eth1", "eth2" ] } ], {{Use("ft")}} """), "flowtables");

    [Fact]
    public void Devices_must_exist_and_appear_once()
    {
        var result = Verify($$"""{{Router}}, "flowtables": [ { "name": "ft", "devices": [ "eth0", "eth0", "eth9" ] } ], {{Use("ft")}} """);
        HasError(result, "flowtables[ft].devices[eth0]", "listed twice");
        HasError(result, "flowtables[ft].devices[eth9]", "no such device");
    }

    [Fact]
    public void Virtual_devices_warn_with_the_real_devices_they_resolve_to()
    {
        var result = Verify($$"""{{Router}}, "flowtables": [ { "name": "ft", "devices": [ "wan", "br-lan", "br-empty" ] } ], {{Use("ft")}} """);
        HasWarning(result, "flowtables[ft].devices[wan]", "PPPoE uplink wan is not where packets arrive; the flowtable will hook the real device under it: eth0");
        HasWarning(result, "flowtables[ft].devices[br-lan]", "the real devices under it: eth1, eth2");
        HasWarning(result, "flowtables[ft].devices[br-empty]", "resolves to no real device");
        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_real_device_is_hooked_by_one_flowtable_only()
    {
        var result = Verify($$"""
            {{Router}},
            "flowtables": [ { "name": "ft1", "devices": [ "eth1" ] }, { "name": "ft2", "devices": [ "br-lan", "eth3" ] } ],
            "offloadPolicy": [ { "name": "a", "action": "offload", "flowtable": "ft1", "match": { "protocol": "tcp" } }, { "name": "b", "action": "offload", "flowtable": "ft2" } ]
            """);
        HasError(result, "flowtables[ft2].devices[br-lan]", "eth1 (through br-lan) is already hooked by flowtable ft1; a device can be in only one flowtable");
        Assert.Single(result.Errors);
    }

    [Fact]
    public void A_device_reached_twice_in_one_flowtable_is_hooked_once() =>
        HasWarning(Verify($$"""{{Router}}, "flowtables": [ { "name": "ft", "devices": [ "eth1", "br-lan" ] } ], {{Use("ft")}} """),
            "flowtables[ft].devices[br-lan]", "eth1 is already in this flowtable; it is hooked once");

    [Fact]
    public void An_unused_flowtable_and_an_empty_one_are_warnings()
    {
        var result = Verify($$"""{{Router}}, "flowtables": [ { "name": "ft" } ] """);
        HasWarning(result, "flowtables[ft]", "no enabled offload rule sends flows to ft");
        HasWarning(result, "flowtables[ft].devices", "hooks nothing");
    }

    [Fact]
    public void A_disabled_rule_does_not_count_as_using_a_flowtable() =>
        HasWarning(Verify($$"""
            {{Router}}, "flowtables": [ { "name": "ft", "devices": [ "eth1" ] } ],
            "offloadPolicy": [ { "name": "off", "action": "offload", "flowtable": "ft", "enabled": false } ]
            """), "flowtables[ft]", "no enabled offload rule");

    [Fact]
    public void Hardware_offload_with_shaping_on_the_same_device_is_a_warning()
    {
        HasWarning(Verify($$"""
            {{Router}},
            "flowtables": [ { "name": "ft", "devices": [ "eth0", "eth1" ], "hardwareOffload": true } ], {{Use("ft")}},
            "shaping": [ { "device": "wan", "egressKbitPerSecond": 50000 } ]
            """), "flowtables[ft].hardwareOffload", "bypasses the traffic shaper on wan");
        CleanAt(Verify($$"""
            {{Router}},
            "flowtables": [ { "name": "ft", "devices": [ "eth0", "eth1" ] } ], {{Use("ft")}},
            "shaping": [ { "device": "wan", "egressKbitPerSecond": 50000 } ]
            """), "flowtables");
    }

    [Fact]
    public void Counter_and_hardware_offload_are_settings_of_each_flowtable()
    {
        var config = RouterConfig.Empty with
        {
            Flowtables =
            [
                new Flowtable(ObjectName.Parse("a"), Counter: true, HardwareOffload: false),
                new Flowtable(ObjectName.Parse("b"), Counter: false, HardwareOffload: true),
            ],
        };
        Assert.Equal([(true, false), (false, true)], config.Flowtables.Select(f => (f.Counter, f.HardwareOffload)));
    }

    [Fact]
    public void The_device_graph_resolves_nested_devices_to_ethernet_ports()
    {
        var config = Support.ExampleConfigs.Load("vlan-trunk-edge");
        var graph = new DeviceGraph(config);

        Assert.Equal(["eth1", "eth2", "eth3"], graph.ResolveRealDevices(InterfaceName.Parse("br0.10")).Select(d => d.Value));
        Assert.Equal(["eth4"], graph.ResolveRealDevices(InterfaceName.Parse("eth4.100.200")).Select(d => d.Value));
        Assert.Equal(["eth0"], graph.ResolveRealDevices(InterfaceName.Parse("eth0")).Select(d => d.Value));
        Assert.Equal(1496, graph.EffectiveMtu(InterfaceName.Parse("eth4.100.200"))!.Value.Value);
        Assert.Equal(1500, graph.EffectiveMtu(InterfaceName.Parse("br0.20"))!.Value.Value);
    }
}
