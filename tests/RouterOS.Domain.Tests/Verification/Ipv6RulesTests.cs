using RouterOS.Domain.Json;
using RouterOS.Domain.Topology;
using RouterOS.Domain.Values;
using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>DHCPv6 prefix delegation on uplinks, static and ULA prefixes, and the LANs numbered from them.</summary>
public class Ipv6RulesTests
{
    private const string Devices = """
        "ports": [ { "name": "wan0" }, { "name": "lan1" }, { "name": "lan2" }, { "name": "lan3" } ],
        "firewall": { "zones": [ { "name": "wan", "interfaces": [ "wan0" ] }, { "name": "lan", "interfaces": [ "lan1", "lan2", "lan3" ] } ] }
        """;

    private static string Ipv6(string body) => $$"""{{Devices}}, "ipv6": { {{body}} }""";

    [Fact]
    public void A_delegated_prefix_numbering_two_lans_is_valid() =>
        CleanAt(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0" } ],
            "lans": [ { "device": "lan1" }, { "device": "lan2", "subnetId": 5, "mode": "dhcp" } ]
            """)), "ipv6");

    [Fact]
    public void A_hint_larger_than_the_lans_need_is_fine() =>
        CleanAt(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0", "prefixHintLength": 48 } ], "lans": [ { "device": "lan1" } ]
            """)), "ipv6");

    [Fact]
    public void More_lans_than_the_prefix_numbers_is_an_error_before_commit() =>
        HasError(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0", "prefixHintLength": 63 } ],
            "lans": [ { "device": "lan1" }, { "device": "lan2" }, { "device": "lan3" } ]
            """)), "ipv6.lans[lan3]", "no subnet id is left for it: the /63 of wan0 numbers 2 /64 networks (ids 0 to 1); ask the ISP for a larger prefix");

    [Fact]
    public void A_subnet_id_past_the_prefix_is_an_error() =>
        HasError(Verify(Ipv6("""
            "staticPrefixes": [ { "uplink": "wan0", "prefix": "2001:db8:7::/60" } ],
            "lans": [ { "device": "lan1", "subnetId": 16 } ]
            """)), "ipv6.lans[lan1].subnetId", "subnet id 16 does not fit: the /60 of wan0 numbers 16 /64 networks (ids 0 to 15)");

    [Fact]
    public void Two_lans_on_one_subnet_id_is_an_error() =>
        HasError(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0" } ],
            "lans": [ { "device": "lan1", "subnetId": 3 }, { "device": "lan2", "subnetId": 3 } ]
            """)), "ipv6.lans[lan2].subnetId", "subnet id 3 is taken by lan1");

    [Fact]
    public void A_hint_outside_48_to_64_is_an_error() =>
        HasError(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0", "prefixHintLength": 40 } ]
            """)), "ipv6.clients[wan0].prefixHintLength", "use 48 to 64");

    [Fact]
    public void A_lan_needs_a_prefix_to_be_numbered_from()
    {
        HasError(Verify(Ipv6(""" "lans": [ { "device": "lan1" } ] """)), "ipv6.lans[lan1]", "there is no prefix to number this LAN from");
        HasError(Verify(Ipv6(""" "clients": [ { "uplink": "wan0" } ], "lans": [ { "device": "lan1", "uplink": "lan2" } ] """)),
            "ipv6.lans[lan1].uplink", "lan2 has no DHCPv6 client and no static prefix");
    }

    [Fact]
    public void A_ula_prefix_alone_numbers_the_lans() =>
        CleanAt(Verify($$"""{{Devices}}, "system": { "ulaPrefix": "fd3c:9a21:5e07::/48" }, "ipv6": { "lans": [ { "device": "lan1" } ] }"""), "ipv6");

    [Fact]
    public void A_ula_prefix_must_be_a_fd_slash_48() =>
        HasError(Verify($$"""{{Devices}}, "system": { "ulaPrefix": "2001:db8::/48" }"""), "system.ulaPrefix", "is not a unique local prefix");

    [Fact]
    public void With_two_uplinks_each_lan_says_which_numbers_it() =>
        HasError(Verify(Ipv6("""
            "clients": [ { "uplink": "wan0" } ], "staticPrefixes": [ { "uplink": "lan3", "prefix": "2001:db8:9::/56" } ],
            "lans": [ { "device": "lan1" } ]
            """)), "ipv6.lans[lan1].uplink", "more than one uplink has a prefix (lan3, wan0)");

    [Fact]
    public void Pppoe_needs_ipv6cp_for_dhcpv6() =>
        HasError(Verify($$"""
            {{Devices}},
            "pppoe": [ { "name": "ppp0", "parent": "wan0", "username": "u", "password": "p" } ],
            "ipv6": { "clients": [ { "uplink": "ppp0" } ] }
            """), "ipv6.clients[ppp0].uplink", "does not negotiate IPv6; turn on its ipv6 (IPv6CP)");

    [Fact]
    public void An_uplink_cannot_be_a_lan_and_a_static_prefix_must_be_global()
    {
        var result = Verify(Ipv6("""
            "staticPrefixes": [ { "uplink": "wan0", "prefix": "fd00:1::/48" } ],
            "lans": [ { "device": "wan0" } ]
            """));
        HasError(result, "ipv6.staticPrefixes[wan0].uplink", "wan0 is an IPv6 LAN as well");
        HasError(result, "ipv6.staticPrefixes[wan0].prefix", "is not a global unicast prefix");
    }

    [Fact]
    public void Automatic_ids_take_the_lowest_free_and_adding_a_lan_renumbers_none_before_it()
    {
        var config = RouterConfigJson.Parse($$"""{ "schemaVersion": 1, {{Ipv6("""
            "clients": [ { "uplink": "wan0" } ],
            "lans": [ { "device": "lan1" }, { "device": "lan2", "subnetId": 0 }, { "device": "lan3" } ]
            """)}} }""");
        Assert.Equal([1, 0, 2], Ipv6Numbering.Assign(config).Select(s => s.SubnetId));
    }

    [Theory]
    [InlineData("2001:db8:100::/56", 0, "2001:db8:100::/64")]
    [InlineData("2001:db8:100::/56", 255, "2001:db8:100:ff::/64")]
    [InlineData("2001:db8:100:40::/60", 3, "2001:db8:100:43::/64")]
    [InlineData("2001:db8:100::/48", 65535, "2001:db8:100:ffff::/64")]
    public void A_subnet_id_picks_its_64_out_of_the_prefix(string prefix, int id, string expected) =>
        Assert.Equal(expected, Ipv6Numbering.SubnetOf(Cidr.Parse(prefix), id)!.ToString());

    [Theory]
    [InlineData("2001:db8:100::/56", 256)]
    [InlineData("2001:db8:100::/64", 1)]
    [InlineData("2001:db8:100::/56", -1)]
    public void A_subnet_id_the_prefix_does_not_hold_gives_none(string prefix, int id) =>
        Assert.Null(Ipv6Numbering.SubnetOf(Cidr.Parse(prefix), id));

    [Fact]
    public void The_router_takes_colon_colon_1_of_each_lan() =>
        Assert.Equal("2001:db8:100:43::1/64", Ipv6Numbering.RouterAddress(Cidr.Parse("2001:db8:100:43::/64")).ToString());

    [Fact]
    public void A_static_prefix_and_the_ula_prefix_give_each_lan_its_routers_address_with_the_same_subnet_id()
    {
        var config = RouterConfigJson.Parse($$"""
            { "schemaVersion": 1, {{Devices}}, "system": { "ulaPrefix": "fd3c:9a21:5e07::/48" },
              "ipv6": { "staticPrefixes": [ { "uplink": "wan0", "prefix": "2001:db8:42::/56" } ], "lans": [ { "device": "lan1" }, { "device": "lan2", "subnetId": 9 } ] } }
            """);

        Assert.Equal(["lan1 2001:db8:42::1/64", "lan1 fd3c:9a21:5e07::1/64", "lan2 2001:db8:42:9::1/64", "lan2 fd3c:9a21:5e07:9::1/64"],
            Ipv6Numbering.ConfiguredAddresses(config).Select(item => $"{item.Device} {item.Address}"));
    }
}
