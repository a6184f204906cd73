using System.Text;
using Bunit;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The forms of the single-object sections (DNS, the host name): checked as typed, saved with PUT on the section.</summary>
public sealed class SettingsFormTests
{
    /// <summary>A LAN on lan1 whose DHCP server hands out the domain home.test, so the router's DNS runs.</summary>
    private static readonly RouterConfig Lan = ThreePorts() with
    {
        Addresses = [new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.1.1/24"))],
        Dhcp = new DhcpSettings(Servers: [new DhcpServer(Name("lan1"), IpAddress.Parse("192.168.1.100"), IpAddress.Parse("192.168.1.199"), Domain: DnsName.Parse("home.test"))]),
    };

    [Fact]
    public async Task Dns_settings_and_a_static_host_name_are_saved_to_the_candidate()
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<DnsSettingsForm>();
        Fields.Type(form, "dns-upstreams", "192.0.2.53, 2001:db8::53");
        Fields.Input(form, "dns-cache-size").Input("500");
        Fields.Type(form, "dns-rebind", "corp.example");
        form.Find("[data-testid=dns-add-host]").Click();
        Fields.Type(form, "dns-host-name-0", "NAS.home.test");
        Fields.Type(form, "dns-host-address-0", "192.168.1.5");

        await form.Find("[data-testid=dns-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/dns", "\"1\""), (write.Method, write.Path, write.IfMatch));
        var (sent, error) = RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(write.Body!), ConfigSettings.Dns.Json);
        Assert.Null(error);
        Assert.Equal(new DnsSettings(
            UpstreamServers: [IpAddress.Parse("192.0.2.53"), IpAddress.Parse("2001:db8::53")], CacheSize: 500, RebindAllowedDomains: [DnsName.Parse("corp.example")],
            Hosts: [new DnsHost(DnsName.Parse("nas.home.test"), IpAddress.Parse("192.168.1.5"))]), sent);
    }

    [Fact]
    public async Task A_host_name_listed_twice_is_refused_and_nothing_is_sent()
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<DnsSettingsForm>();
        for (var row = 0; row < 2; row++)
        {
            form.Find("[data-testid=dns-add-host]").Click();
            Fields.Type(form, $"dns-host-name-{row}", "nas.home.test");
            Fields.Type(form, $"dns-host-address-{row}", $"192.168.1.{5 + row}");
        }

        Assert.Contains("nas.home.test is listed more than once", form.Find("[data-testid=dns-hosts-error]").TextContent);
        await form.Find("[data-testid=dns-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task Bad_addresses_are_explained_beside_their_field()
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<DnsSettingsForm>();
        Fields.Type(form, "dns-upstreams", "192.0.2.53, 192.0.2.300");
        form.Find("[data-testid=dns-add-host]").Click();
        Fields.Type(form, "dns-host-name-0", "nas");
        Fields.Type(form, "dns-host-address-0", "nas.home.test");

        Assert.Contains("192.0.2.300", Fields.Text(form, "dns-upstreams"));
        Assert.Contains("nas.home.test", Fields.Text(form, "dns-host-address-0"));
        await form.Find("[data-testid=dns-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task The_local_domain_is_shown_with_a_link_to_the_dhcp_server_that_sets_it()
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<DnsSettingsForm>();

        var link = form.Find("[data-testid=dns-local-domains] a");
        Assert.Equal("home.test on lan1", link.TextContent.Trim());
        Assert.Equal("dhcp?focus=dhcp.servers%5Blan1%5D", link.GetAttribute("href"));
    }

    [Fact]
    public async Task The_host_name_is_saved_to_the_candidate_s_system_settings()
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<SystemSettingsForm>();
        Fields.Type(form, "system-hostname", "Gateway");

        Assert.Contains("gateway.home.test", form.Markup);
        await form.Find("[data-testid=system-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/system"), (write.Method, write.Path));
        Assert.Equal(new SystemSettings(DnsName.Parse("gateway")), RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(write.Body!), ConfigSettings.System.Json).Value);
    }

    [Theory]
    [InlineData("router.lan", "one label, without dots")]
    [InlineData("my_router", "not a valid name")]
    public async Task A_host_name_that_is_not_one_label_is_refused_beside_the_field(string hostname, string problem)
    {
        await using var context = await ContextAsync(Lan);
        var form = context.Render<SystemSettingsForm>();
        Fields.Type(form, "system-hostname", hostname);

        Assert.Contains(problem, Fields.Text(form, "system-hostname"));
        await form.Find("[data-testid=system-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    private static async Task<DashboardContext> ContextAsync(RouterConfig candidate)
    {
        var context = new DashboardContext(candidate);
        await context.LoadCandidateAsync();
        return context;
    }
}
