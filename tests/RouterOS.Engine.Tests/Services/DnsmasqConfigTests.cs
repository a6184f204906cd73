using RouterOS.Engine.Services;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Services;

public sealed class DnsmasqConfigTests
{
    [Fact]
    public void A_dhcp_server_becomes_a_tagged_range_its_domain_over_the_lan_subnet_and_its_static_leases()
    {
        var config = Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
              "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" }, { "device": "wan0", "address": "203.0.113.2/24" } ],
              "dhcp": { "servers": [ {
                "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150", "leaseTimeSeconds": 600, "domain": "home.test",
                "dnsServers": [ "192.168.7.1", "9.9.9.9" ],
                "staticLeases": [ { "mac": "02:00:00:00:00:50", "address": "192.168.7.50", "hostname": "printer" }, { "mac": "02:00:00:00:00:51", "address": "192.168.7.51" } ]
              } ] },
              "dns": { "upstreamServers": [ "192.0.2.53" ], "cacheSize": 500 }
            }
            """);

        var text = DnsmasqConfig.Generate(config, "/state/dnsmasq.leases", [System.Net.IPAddress.Parse("198.51.100.53")]);

        Assert.Equal("""
            # Written by the RouterOS engine from the running configuration; edits are overwritten.
            bind-dynamic
            no-resolv
            no-hosts
            no-poll
            log-facility=-
            dhcp-leasefile=/state/dnsmasq.leases
            cache-size=500
            server=192.0.2.53
            stop-dns-rebind
            rebind-localhost-ok
            interface=lan0
            dhcp-authoritative
            dhcp-range=set:lan0,192.168.7.100,192.168.7.150,600
            domain=home.test,192.168.7.0/24
            local=/home.test/
            dhcp-option=tag:lan0,option:dns-server,192.168.7.1,9.9.9.9
            dhcp-host=02:00:00:00:00:50,192.168.7.50,printer
            dhcp-host=02:00:00:00:00:51,192.168.7.51

            """.ReplaceLineEndings("\n"), text!.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("wan0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_configured_upstreams_dnsmasq_forwards_to_what_the_uplinks_leases_gave()
    {
        var config = Configs.Parse("""
            { "schemaVersion": 1, "ports": [ { "name": "lan0" } ], "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150" } ] } }
            """);

        var text = DnsmasqConfig.Generate(config, "/l", [System.Net.IPAddress.Parse("198.51.100.53"), System.Net.IPAddress.Parse("198.51.100.54")])!.ReplaceLineEndings("\n");

        Assert.Contains("\nserver=198.51.100.53\nserver=198.51.100.54\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_enabled_dhcp_server_there_is_nothing_for_dnsmasq_to_do()
    {
        var config = Configs.Parse("""
            { "schemaVersion": 1, "ports": [ { "name": "lan0" } ], "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150", "enabled": false } ] } }
            """);

        Assert.Null(DnsmasqConfig.Generate(config, "/state/dnsmasq.leases", []));
    }

    [Fact]
    public void With_dns_off_dnsmasq_serves_dhcp_only()
    {
        var config = Configs.Parse("""
            { "schemaVersion": 1, "ports": [ { "name": "lan0" } ], "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150" } ] }, "dns": { "enabled": false } }
            """);

        var text = DnsmasqConfig.Generate(config, "/l", [])!;

        Assert.Contains("\nport=0\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("cache-size", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lease_file_is_read_line_by_line_and_lines_of_another_shape_are_skipped()
    {
        var leases = DhcpLeases.Parse("""
            1795000000 02:00:00:00:00:50 192.168.7.50 printer 01:02:00:00:00:00:50
            0 02:00:00:00:00:51 192.168.7.51 * *
            duid 00:01:00:01:2c:aa:bb:cc
            garbage
            """);

        Assert.Equal(
            [new DhcpLease("02:00:00:00:00:50", "192.168.7.50", "printer", DateTimeOffset.FromUnixTimeSeconds(1795000000)), new DhcpLease("02:00:00:00:00:51", "192.168.7.51", null, null)],
            leases);
    }

    [Fact]
    public void Static_host_names_become_host_records_answered_only_while_the_router_s_dns_is_on()
    {
        const string Lan = """
            "ports": [ { "name": "lan0" } ], "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
            "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150" } ] }
            """;
        const string Hosts = """ "hosts": [ { "name": "NAS.home.test", "address": "192.168.7.5" }, { "name": "camera", "address": "2001:db8::c" } ] """;
        var on = Configs.Parse($$"""{ "schemaVersion": 1, {{Lan}}, "dns": { "upstreamServers": [ "192.0.2.53" ], {{Hosts}} } }""");
        var off = Configs.Parse($$"""{ "schemaVersion": 1, {{Lan}}, "dns": { "enabled": false, {{Hosts}} } }""");

        var text = DnsmasqConfig.Generate(on, "/l", [])!.ReplaceLineEndings("\n");

        Assert.Contains("\nrebind-localhost-ok\nhost-record=nas.home.test,192.168.7.5\nhost-record=camera,2001:db8::c\ninterface=lan0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("host-record", DnsmasqConfig.Generate(off, "/l", [])!, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebind_protection_is_on_and_only_the_listed_domains_may_answer_with_private_addresses()
    {
        var config = Configs.Parse("""
            { "schemaVersion": 1, "ports": [ { "name": "lan0" } ], "addresses": [ { "device": "lan0", "address": "192.168.7.1/24" } ],
              "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.7.100", "rangeEnd": "192.168.7.150" } ] },
              "dns": { "upstreamServers": [ "192.0.2.53" ], "rebindAllowedDomains": [ "corp.example", "Lab.Test" ] } }
            """);

        var text = DnsmasqConfig.Generate(config, "/l", [])!.ReplaceLineEndings("\n");

        Assert.Contains("\nstop-dns-rebind\nrebind-localhost-ok\nrebind-domain-ok=/corp.example/\nrebind-domain-ok=/lab.test/\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_lans_are_advertised_from_their_own_addresses_each_in_its_mode_even_without_a_dhcpv4_server()
    {
        var config = Configs.Parse("""
            {
              "schemaVersion": 1,
              "ports": [ { "name": "wan0" }, { "name": "lan0" }, { "name": "lan1" }, { "name": "lan2" } ],
              "ipv6": { "clients": [ { "uplink": "wan0" } ],
                "lans": [ { "device": "lan0", "mode": "slaac" }, { "device": "lan1" }, { "device": "lan2", "mode": "dhcp" } ] }
            }
            """);

        var text = DnsmasqConfig.Generate(config, "/state/dnsmasq.leases", [])!.ReplaceLineEndings("\n");

        Assert.Contains("interface=lan0\ninterface=lan1\ninterface=lan2\n", text, StringComparison.Ordinal);
        Assert.Contains("""
            enable-ra
            dhcp-range=set:lan0,::,constructor:lan0,ra-only,64,43200
            dhcp-range=set:lan1,::,constructor:lan1,ra-stateless,64,43200
            dhcp-range=set:lan2,::1000,::ffff,constructor:lan2,slaac,64,43200

            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("wan0", text, StringComparison.Ordinal);
    }
}
