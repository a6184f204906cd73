using RouterOS.Domain.Json;
using RouterOS.Domain.Management;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Management;

/// <summary>The warnings before a commit that may cut the administrator off the dashboard.</summary>
public class ManagementPathTests
{
    private static readonly PortRange Https = PortRange.Parse("443");
    private static readonly IpAddress LanClient = IpAddress.Parse("192.168.1.50");

    private const string Devices = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" }, { "name": "eth2" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" }, { "name": "eth2" } ] } ],
        "vlans": [ { "name": "eth0.10", "parent": "eth0", "id": 10 } ]
        """;

    private const string Addresses = """
        "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" }, { "device": "eth0", "address": "192.0.2.2/24" },
                       { "device": "eth0.10", "address": "10.10.0.1/24" } ]
        """;

    private const string Zones = """
        "zones": [
          { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
          { "name": "wan", "interfaces": [ "eth0" ], "input": "drop" },
          { "name": "mgmt", "interfaces": [ "eth0.10" ], "input": "drop" } ],
        "inputRules": [ { "name": "mgmt-https", "zone": "mgmt", "protocol": "tcp", "ports": [ "443" ] } ]
        """;

    private static RouterConfig Config(string devices = Devices, string addresses = Addresses, string firewall = Zones) =>
        RouterConfigJson.Parse($$"""{ "schemaVersion": 1, {{devices}}, {{addresses}}, "firewall": { {{firewall}} } }""");

    private static readonly RouterConfig Running = Config();

    private static IReadOnlyList<ManagementWarning> Check(RouterConfig candidate, IpAddress? client = null) =>
        ManagementPath.Check(Running, candidate, client ?? LanClient, Https);

    private static void Warns(IReadOnlyList<ManagementWarning> warnings, string path, string fragment) =>
        Assert.True(warnings.Any(w => w.Path == path && w.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected a warning at {path} containing \"{fragment}\"; found: {string.Join("; ", warnings)}");

    [Fact]
    public void An_unchanged_configuration_warns_of_nothing() => Assert.Empty(Check(Running));

    [Fact]
    public void A_client_on_loopback_cannot_be_judged() =>
        Assert.Empty(Check(Config(firewall: """ "zones": [] """), IpAddress.Parse("127.0.0.1")));

    [Fact]
    public void A_client_in_no_network_of_the_router_cannot_be_judged() =>
        Assert.Empty(Check(Config(firewall: """ "zones": [] """), IpAddress.Parse("198.51.100.7")));

    [Fact]
    public void Removing_the_clients_network_warns_at_its_address()
    {
        var candidate = Running with { Addresses = [.. Running.Addresses.Where(a => a.Device.ToString() != "br-lan")] };
        Warns(Check(candidate), "addresses[192.168.1.1/24]", "removes the router's address");
    }

    [Fact]
    public void Moving_the_clients_network_to_another_interface_warns()
    {
        var candidate = Config(addresses: """
            "addresses": [ { "device": "eth2", "address": "192.168.1.1/24" }, { "device": "eth0", "address": "192.0.2.2/24" },
                           { "device": "eth0.10", "address": "10.10.0.1/24" } ]
            """);
        Warns(Check(candidate), "addresses[192.168.1.1/24]", "moves network 192.168.1.0/24 to eth2");
    }

    [Fact]
    public void Renumbering_the_router_on_the_clients_network_warns_when_the_client_used_the_old_address()
    {
        var renumbered = Running with { Addresses = [.. Running.Addresses.Select(a => a.Device.ToString() == "br-lan" ? a with { Address = InterfaceAddress.Parse("192.168.1.2/24") } : a)] };
        var opened = IpAddress.Parse("192.168.1.1");

        Warns(ManagementPath.Check(Running, renumbered, LanClient, Https, opened), "addresses[192.168.1.1/24]", "You opened this dashboard at 192.168.1.1");
        Assert.Empty(ManagementPath.Check(Running, renumbered, LanClient, Https, IpAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public void An_interface_left_in_no_zone_gets_no_input() =>
        Warns(Check(Config(firewall: """ "zones": [ { "name": "wan", "interfaces": [ "eth0" ] } ] """)), "firewall.zones", "in no zone");

    [Fact]
    public void A_zone_input_policy_of_drop_without_a_rule_for_the_port_warns() =>
        Warns(Check(Config(firewall: """ "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "drop" } ] """)),
            "firewall.zones[lan].input", "drop");

    [Fact]
    public void An_input_rule_for_the_port_keeps_the_path_open() =>
        Assert.Empty(Check(Config(firewall: """
            "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "reject" } ],
            "inputRules": [ { "name": "web", "zone": "lan", "protocol": "any", "ports": [ "80", "443" ], "source": "192.168.1.0/24" } ]
            """)));

    [Theory]
    [InlineData(""" "protocol": "udp", "ports": [ "443" ] """)]
    [InlineData(""" "protocol": "tcp", "ports": [ "22" ] """)]
    [InlineData(""" "protocol": "tcp", "source": "192.168.1.128/25" """)]
    [InlineData(""" "protocol": "tcp", "enabled": false """)]
    public void An_input_rule_that_misses_the_client_or_the_port_does_not_count(string rule) =>
        Warns(Check(Config(firewall: $$"""
            "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "drop" } ],
            "inputRules": [ { "name": "web", "zone": "lan", {{rule}} } ]
            """)), "firewall.zones[lan].input", "no input rule");

    [Fact]
    public void Disabling_the_rule_a_management_vlan_depends_on_warns()
    {
        var candidate = Config(firewall: Zones.Replace("\"ports\": [ \"443\" ]", "\"ports\": [ \"443\" ], \"enabled\": false", StringComparison.Ordinal));
        Warns(Check(candidate, IpAddress.Parse("10.10.0.9")), "firewall.zones[mgmt].input", "zone mgmt");
    }

    [Fact]
    public void A_port_forward_from_the_clients_zone_taking_the_port_warns() =>
        Warns(Check(Config(firewall: Zones.Replace("\"inputRules\"", """
            "portForwards": [ { "name": "nas", "from": "lan", "protocol": "both", "outsidePort": "400-500", "insideHost": "192.168.1.10" } ],
            "inputRules"
            """, StringComparison.Ordinal))), "firewall.portForwards[nas]", "instead of to the router");

    [Fact]
    public void A_port_forward_from_another_zone_leaves_the_client_alone() =>
        Assert.Empty(Check(Config(firewall: Zones.Replace("\"inputRules\"", """
            "portForwards": [ { "name": "nas", "from": "wan", "protocol": "tcp", "outsidePort": "443", "insideHost": "192.168.1.10" } ],
            "inputRules"
            """, StringComparison.Ordinal))));

    [Fact]
    public void Changing_the_ports_of_the_clients_bridge_warns_that_it_may_cut_it_off()
    {
        var candidate = Config(devices: Devices.Replace("""{ "name": "eth2" } ] }""", """{ "name": "eth2", "vlans": [ { "vlan": 20, "untagged": true, "pvid": true } ] } ] }""", StringComparison.Ordinal));
        Warns(Check(candidate), "bridges[br-lan].ports", "if you are connected through one of its ports");
    }

    [Fact]
    public void Turning_on_vlan_filtering_on_the_clients_bridge_warns()
    {
        var candidate = Running with { Bridges = [.. Running.Bridges.Select(b => b with { VlanFiltering = true })] };
        Warns(Check(candidate), "bridges[br-lan]", "VLAN settings");
    }

    [Fact]
    public void Setting_a_member_port_of_the_clients_bridge_down_warns()
    {
        var candidate = Running with { Ports = [.. Running.Ports.Select(p => p.Name.ToString() == "eth2" ? p with { Enabled = false } : p)] };
        Warns(Check(candidate), "ports[eth2].enabled", "if you are connected through it");
    }

    [Fact]
    public void Changing_the_tag_of_the_clients_vlan_device_warns()
    {
        var candidate = Running with { Vlans = [.. Running.Vlans.Select(v => v with { Id = VlanId.From(11) })] };
        Warns(Check(candidate, IpAddress.Parse("10.10.0.9")), "vlans[eth0.10]", "another tag or parent");
    }

    [Fact]
    public void Setting_the_port_under_the_clients_vlan_down_warns()
    {
        var candidate = Running with { Ports = [.. Running.Ports.Select(p => p.Name.ToString() == "eth0" ? p with { Enabled = false } : p)] };
        Warns(Check(candidate, IpAddress.Parse("10.10.0.9")), "ports[eth0].enabled", "stands on eth0");
    }

    [Fact]
    public void A_change_elsewhere_warns_of_nothing()
    {
        var candidate = Running with { Vlans = [.. Running.Vlans.Select(v => v with { Id = VlanId.From(11) })] };
        Assert.Empty(Check(candidate));
    }

    [Fact]
    public void A_running_configuration_that_already_refuses_the_client_is_not_blamed_on_the_commit()
    {
        var running = Config(firewall: """ "zones": [] """);
        Assert.Empty(ManagementPath.Check(running, running with { System = new SystemSettings() }, LanClient, Https));
    }
}
