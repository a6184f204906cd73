using RouterOS.Dashboard.Editing;

namespace RouterOS.Dashboard.Tests;

public sealed class EditingTests
{
    [Theory]
    [InlineData("bridges[br0].mtu", "bridges[br0]", "mtu")]
    [InlineData("bridges[br0].ports[eth9].vlans", "bridges[br0]", "ports")]
    [InlineData("offloadPolicy[r1].match.destinationPorts", "offloadPolicy[r1]", "match.destinationPorts")]
    [InlineData("bridges[br0]", "bridges[br0]", "")]
    [InlineData("bridges[br01].mtu", "bridges[br0]", null)]
    [InlineData("vlans[lan.10].parent", "bridges[br0]", null)]
    public void A_finding_s_path_names_the_field_of_the_item_it_concerns(string path, string item, string? field) =>
        Assert.Equal(field, FieldErrors.FieldOf(path, item));

    [Theory]
    [InlineData("bridges[br-lan].ports[eth9]", "interfaces?focus=bridges%5Bbr-lan%5D")]
    [InlineData("offloadPolicy[lan-to-wan].flowtable", "flowtables?focus=offloadPolicy%5Blan-to-wan%5D")]
    [InlineData("pppoe[ppp-wan].password", "interfaces?focus=pppoe%5Bppp-wan%5D")]
    [InlineData("dhcp.clients[wan0].routeMetric", "dhcp?focus=dhcp.clients%5Bwan0%5D")]
    [InlineData("dhcp.servers[br-lan].staticLeases[02:00:00:00:00:50].address", "dhcp?focus=dhcp.servers%5Bbr-lan%5D.staticLeases%5B02%3A00%3A00%3A00%3A00%3A50%5D")]
    [InlineData("dhcp.servers[br-lan].rangeStart", "dhcp?focus=dhcp.servers%5Bbr-lan%5D")]
    [InlineData("firewall.portForwards[web].insideHost", "firewall?focus=firewall.portForwards%5Bweb%5D")]
    [InlineData("firewall.defaults.synFloodRate", "firewall")]
    [InlineData("dns.hosts[nas.lan]", "dhcp")]
    [InlineData("dns", "dhcp")]
    [InlineData("system.hostname", "system")]
    [InlineData("firewall.zones[lan]", "firewall?focus=firewall.zones%5Blan%5D")]
    [InlineData("snmp.community", null)]
    public void A_finding_links_to_the_page_that_edits_its_object(string path, string? href) =>
        Assert.Equal(href, ConfigLinks.Href(path));
}
