namespace RouterOS.KernelScenarios;

/// <summary>The configurations the scenarios commit, as the JSON the API and the engine take.</summary>
internal static class Configs
{
    public const string OffloadAll = """[ { "name": "all", "action": "offload", "flowtable": "ft" } ]""";

    public const string ExcludePort = """
        [ { "name": "not-5202", "action": "never", "match": { "protocol": "tcp", "destinationPorts": [ 5202 ] } },
          { "name": "all", "action": "offload", "flowtable": "ft" } ]
        """;

    /// <summary>LAN on lan0 (192.168.1.1/24), WAN on wan0 with masquerade, a flowtable over both.</summary>
    public static string Router(bool counter = true, bool hardwareOffload = false, string priority = "filter", string policy = OffloadAll, string wanAddress = "203.0.113.2/24", bool masquerade = true) => $$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "{{wanAddress}}" } ],
          "flowtables": [ { "name": "ft", "devices": [ "lan0", "wan0" ], "priority": "{{priority}}", "counter": {{Bool(counter)}}, "hardwareOffload": {{Bool(hardwareOffload)}} } ],
          "offloadPolicy": {{policy}},
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": {{Bool(masquerade)}} } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    /// <summary>The LAN on an 802.1Q VLAN device lan0.100; the flowtable is given the VLAN device.</summary>
    public const string VlanRouter = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "vlans": [ { "name": "lan0.100", "parent": "lan0", "id": 100 } ],
          "addresses": [ { "device": "lan0.100", "address": "192.168.100.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
          "flowtables": [ { "name": "ft", "devices": [ "lan0.100", "wan0" ], "counter": true } ],
          "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0.100" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    /// <summary>
    /// A VLAN-filtering bridge: lan1 access in VLAN 10, lan2 access in VLAN 20, trunk0 tagged in
    /// both; the router's own presence is br0.10 (VLAN 10 only), routed to the WAN; the
    /// flowtable is given br0.10.
    /// </summary>
    public const string BridgeVlanRouter = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan1" }, { "name": "lan2" }, { "name": "trunk0" }, { "name": "wan0" } ],
          "bridges": [ {
            "name": "br0", "vlanFiltering": true,
            "ports": [
              { "name": "lan1", "vlans": [ { "vlan": 10, "untagged": true, "pvid": true } ] },
              { "name": "lan2", "vlans": [ { "vlan": 20, "untagged": true, "pvid": true } ] },
              { "name": "trunk0", "vlans": [ { "vlan": 10 }, { "vlan": 20 } ] }
            ],
            "selfVlans": [ { "vlan": 10 } ]
          } ],
          "vlans": [ { "name": "br0.10", "parent": "br0", "id": 10 } ],
          "addresses": [ { "device": "br0.10", "address": "10.10.0.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
          "flowtables": [ { "name": "ft", "devices": [ "br0.10", "wan0" ], "counter": true } ],
          "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "br0.10" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    /// <summary>QinQ: an 802.1ad service VLAN 300 on lan0 carrying the 802.1Q customer VLAN 30.</summary>
    public const string QinQRouter = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "vlans": [
            { "name": "lan0.300", "parent": "lan0", "id": 300, "protocol": "802.1ad" },
            { "name": "lan0.300.30", "parent": "lan0.300", "id": 30 }
          ],
          "addresses": [ { "device": "lan0.300.30", "address": "192.168.30.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
          "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0.300.30" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ] } ] }
        }
        """;

    /// <summary>
    /// The WAN over PPPoE on wan0 (ppp-wan): LAN on lan0, the flowtable given the ppp device (it
    /// must list wan0), masquerade and MSS clamping on ppp-wan, fast LCP echoes for the scenarios.
    /// </summary>
    /// <param name="masquerade">False: the LAN's addresses go through the session as they are (the upstream routes them back).</param>
    public static string PppoeRouter(string password = Isp.Password, int mtu = 1492, string description = "fibre", bool masquerade = true) => $$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "pppoe": [ {
            "name": "ppp-wan", "parent": "wan0", "username": "{{Isp.Username}}", "password": {{System.Text.Json.JsonSerializer.Serialize(password)}},
            "mtu": {{mtu}}, "lcpEchoIntervalSeconds": 2, "lcpEchoFailure": 3, "retryHoldoffSeconds": 2, "defaultRouteMetric": 10,
            "description": "{{description}}"
          } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" } ],
          "flowtables": [ { "name": "ft", "devices": [ "lan0", "ppp-wan" ], "counter": true } ],
          "offloadPolicy": [ { "name": "all", "action": "offload", "flowtable": "ft" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "ppp-wan" ], "masquerade": {{Bool(masquerade)}} } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    private static string Bool(bool value) => value ? "true" : "false";
}
