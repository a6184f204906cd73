using static RouterOS.Domain.Tests.Support.VerifyAssert;

namespace RouterOS.Domain.Tests.Verification;

/// <summary>DHCP servers and DNS.</summary>
public class LanServiceRulesTests
{
    private const string Lan = """
        "ports": [ { "name": "eth0" }, { "name": "eth1" } ],
        "bridges": [ { "name": "br-lan", "ports": [ { "name": "eth1" } ] } ],
        "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" } ]
        """;

    private static string Server(string fields) =>
        $$""" "dhcp": { "servers": [ { "device": "br-lan", {{fields}} } ] } """;

    [Fact]
    public void A_server_with_a_pool_in_its_subnet_is_valid() =>
        CleanAt(Verify($$"""
            {{Lan}},
            {{Server("""
                "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200", "domain": "home.arpa", "dnsServers": [ "192.168.1.1" ],
                "staticLeases": [ { "mac": "02:00:00:00:00:10", "address": "192.168.1.10", "hostname": "nas" } ]
                """)}}
            """), "dhcp");

    [Fact]
    public void The_pool_lies_in_a_subnet_of_the_device()
    {
        HasError(Verify($"{Lan}, {Server(""" "rangeStart": "192.168.2.100", "rangeEnd": "192.168.2.200" """)}"),
            "dhcp.servers[br-lan]", "must lie in a subnet of br-lan, and br-lan's subnets are 192.168.1.0/24");
        HasError(Verify($$""" "bridges": [ { "name": "br-lan" } ], {{Server(""" "rangeStart": "10.0.0.2", "rangeEnd": "10.0.0.9" """)}} """),
            "dhcp.servers[br-lan]", "br-lan has no static IPv4 address");
    }

    [Fact]
    public void The_pool_runs_forwards_and_leaves_out_the_router()
    {
        HasError(Verify($"{Lan}, {Server(""" "rangeStart": "192.168.1.200", "rangeEnd": "192.168.1.100" """)}"),
            "dhcp.servers[br-lan].rangeStart", "runs backwards");
        HasError(Verify($"{Lan}, {Server(""" "rangeStart": "192.168.1.1", "rangeEnd": "192.168.1.100" """)}"),
            "dhcp.servers[br-lan]", "includes the router's own address 192.168.1.1");
    }

    [Fact]
    public void The_pool_is_ipv4() =>
        HasError(Verify($"{Lan}, {Server(""" "rangeStart": "2001:db8::10", "rangeEnd": "2001:db8::20" """)}"),
            "dhcp.servers[br-lan]", "must be IPv4");

    [Theory]
    [InlineData(119)]
    [InlineData(31_536_001)]
    public void The_lease_time_is_bounded(int seconds) =>
        HasError(Verify($"{Lan}, {Server($$""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200", "leaseTimeSeconds": {{seconds}} """)}"),
            "dhcp.servers[br-lan].leaseTimeSeconds", "out of range");

    [Fact]
    public void Announced_dns_servers_are_ipv4() =>
        HasError(Verify($"{Lan}, {Server(""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200", "dnsServers": [ "2001:db8::53" ] """)}"),
            "dhcp.servers[br-lan].dnsServers", "not IPv4");

    [Fact]
    public void Static_leases_are_unique_inside_the_subnet_and_not_the_router()
    {
        var result = Verify($$"""
            {{Lan}},
            {{Server("""
                "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200",
                "staticLeases": [
                  { "mac": "02:00:00:00:00:10", "address": "192.168.1.10" },
                  { "mac": "02:00:00:00:00:10", "address": "192.168.1.11" },
                  { "mac": "02:00:00:00:00:12", "address": "192.168.1.11" },
                  { "mac": "02:00:00:00:00:13", "address": "10.9.9.9" },
                  { "mac": "02:00:00:00:00:14", "address": "192.168.1.1" },
                  { "mac": "02:00:00:00:00:15", "address": "192.168.1.15", "hostname": "a.b" } ]
                """)}}
            """);
        HasError(result, "dhcp.servers[br-lan].staticLeases[02:00:00:00:00:10]", "more than one static lease");
        HasError(result, "dhcp.servers[br-lan].staticLeases[02:00:00:00:00:12].address", "given to more than one client");
        HasError(result, "dhcp.servers[br-lan].staticLeases[02:00:00:00:00:13].address", "outside br-lan's subnet");
        HasError(result, "dhcp.servers[br-lan].staticLeases[02:00:00:00:00:14].address", "the router's own address");
        HasError(result, "dhcp.servers[br-lan].staticLeases", "one label");
    }

    [Fact]
    public void A_server_needs_a_lan_device()
    {
        var result = Verify($$"""
            {{Lan}},
            "pppoe": [ { "name": "wan", "parent": "eth0", "username": "u", "password": "p" } ],
            "dhcp": { "servers": [
              { "device": "wan", "rangeStart": "10.0.0.2", "rangeEnd": "10.0.0.9" },
              { "device": "eth1", "rangeStart": "10.0.0.2", "rangeEnd": "10.0.0.9" },
              { "device": "eth7", "rangeStart": "10.0.0.2", "rangeEnd": "10.0.0.9" } ] }
            """);
        HasError(result, "dhcp.servers[wan].device", "no LAN on it to serve");
        HasError(result, "dhcp.servers[eth1].device", "eth1 is a port of bridge br-lan");
        HasError(result, "dhcp.servers[eth7].device", "no such device");
    }

    [Fact]
    public void A_device_does_not_both_serve_and_take_dhcp() =>
        HasError(Verify($$"""
            "ports": [ { "name": "eth0" } ],
            "addresses": [ { "device": "eth0", "address": "192.168.1.1/24" } ],
            "dhcp": { "clients": [ { "device": "eth0" } ], "servers": [ { "device": "eth0", "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200" } ] }
            """), "dhcp.servers[eth0].device", "also runs a DHCP client");

    [Fact]
    public void Dns_cache_size_is_bounded_and_upstreams_unique()
    {
        var result = Verify(""" "dns": { "cacheSize": 20000, "upstreamServers": [ "192.0.2.53", "192.0.2.53" ] } """);
        HasError(result, "dns.cacheSize", "out of range");
        HasError(result, "dns.upstreamServers[192.0.2.53]", "listed twice");
        CleanAt(Verify(""" "dns": { "cacheSize": 0, "upstreamServers": [ "192.0.2.53", "2001:db8::53" ] } """), "dns");
    }

    [Fact]
    public void A_static_host_name_is_given_one_address()
    {
        var result = Verify($$"""
            {{Lan}}, {{Server(""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200" """)}},
            "dns": { "hosts": [ { "name": "nas.home.arpa", "address": "192.168.1.5" }, { "name": "NAS.home.arpa", "address": "192.168.1.6" },
                                { "name": "printer", "address": "2001:db8::7" } ] }
            """);

        HasError(result, "dns.hosts[nas.home.arpa]", "listed more than once");
        Assert.DoesNotContain(result.Findings, f => f.Path.StartsWith("dns.hosts[printer]", StringComparison.Ordinal));
    }

    [Fact]
    public void Static_host_names_no_running_dns_answers_are_a_warning()
    {
        const string Hosts = """ "hosts": [ { "name": "nas", "address": "192.168.1.5" } ] """;
        HasWarning(Verify($$"""{{Lan}}, "dns": { {{Hosts}} } """), "dns.hosts", "no DHCP server is enabled");
        HasWarning(Verify($$"""{{Lan}}, "dns": { "enabled": false, {{Hosts}} }, {{Server(""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200" """)}} """),
            "dns.hosts", "the router's DNS is off");
        CleanAt(Verify($$"""{{Lan}}, "dns": { {{Hosts}} }, {{Server(""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200" """)}} """), "dns");
    }

    [Fact]
    public void Dns_off_while_dhcp_announces_the_router_is_a_warning() =>
        HasWarning(Verify($$"""{{Lan}}, "dns": { "enabled": false }, {{Server(""" "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.200" """)}} """),
            "dns.enabled", "fail to resolve names");
}
