using System.Net;
using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The edit forms validate as the user types with the domain's own value types and verifier,
/// send nothing while anything is wrong, and put the API's refusal beside the field it names.
/// </summary>
public sealed class FormTests
{
    [Fact]
    public async Task A_bad_bridge_name_is_explained_beside_the_field_as_it_is_typed()
    {
        await using var context = await ContextAsync(ThreePorts());
        var form = context.Render<BridgeForm>();

        Assert.DoesNotContain("must not be empty", Fields.Text(form, "bridge-name"));
        Fields.Type(form, "bridge-name", "br lan");

        Assert.Contains("contains ' '", Fields.Text(form, "bridge-name"));
        form.Find("[data-testid=bridge-save]").Click();
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task The_verifier_s_cross_object_rules_show_beside_the_field_they_concern()
    {
        // lan2 has MTU 1400: a bridge over it cannot have 1500 (the domain's bridge rule).
        await using var context = await ContextAsync(ThreePorts(lan2Mtu: 1400));
        var form = context.Render<BridgeForm>();
        Fields.Type(form, "bridge-name", "br-lan");
        Fields.Input(form, "member-lan2").Change(true);
        Fields.Input(form, "bridge-mtu").Input("1500");

        Assert.Contains("MTU 1500 is larger than the MTU 1400 of its port lan2", Fields.Text(form, "bridge-mtu"));
        form.Find("[data-testid=bridge-save]").Click();
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_valid_bridge_is_saved_to_the_candidate_with_its_ports_and_the_candidate_s_etag()
    {
        await using var context = await ContextAsync(ThreePorts());
        string? closed = null;
        var form = context.Render<BridgeForm>(p => p.Add(f => f.OnClosed, (string? message) => closed = message));
        Fields.Type(form, "bridge-name", "br-lan");
        Fields.Input(form, "member-lan1").Change(true);
        Fields.Input(form, "member-lan2").Change(true);

        await form.Find("[data-testid=bridge-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/bridges/br-lan", "\"1\""), (write.Method, write.Path, write.IfMatch));
        var (sent, error) = RouterConfigJson.ReadItem(System.Text.Encoding.UTF8.GetBytes(write.Body!), RouterConfigJson.Metadata(redactSecrets: false).Bridge);
        Assert.Null(error);
        Assert.Equal(new Bridge(Name("br-lan"), [new BridgePort(Name("lan1")), new BridgePort(Name("lan2"))]), sent);
        Assert.Equal("bridges[br-lan] saved in the candidate: review and commit it under Changes.", closed);
    }

    [Fact]
    public async Task The_api_s_refusal_appears_beside_the_field_it_names()
    {
        await using var context = await ContextAsync(ThreePorts());
        context.Router.WriteAnswer = (HttpStatusCode.BadRequest,
            "{\"title\":\"The request could not be read\",\"detail\":\"address: refused by the server\",\"status\":400,\"findings\":[{\"severity\":\"error\",\"path\":\"address\",\"message\":\"refused by the server\"}]}");
        var form = context.Render<AddressForm>(p => p.Add(f => f.Existing, new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.1.1/24"))));

        await form.Find("[data-testid=address-save]").ClickAsync(new());

        Assert.Single(context.Router.Writes);
        Assert.Contains("refused by the server", Fields.Text(form, "address-value"));
        Assert.Contains("address: refused by the server", form.Find("[data-testid=address-error]").TextContent);
    }

    [Fact]
    public async Task A_bad_address_is_refused_beside_its_field_and_nothing_is_sent()
    {
        await using var context = await ContextAsync(ThreePorts());
        var form = context.Render<AddressForm>();

        Fields.Type(form, "address-value", "192.168.1.300/24");

        Assert.Contains("192.168.1.300", Fields.Text(form, "address-value"));
        await form.Find("[data-testid=address-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_route_needs_a_gateway_or_a_device_as_the_domain_says()
    {
        await using var context = await ContextAsync(ThreePorts());
        var form = context.Render<RouteForm>();
        Fields.Type(form, "route-destination", "10.0.0.0/8");
        Fields.Type(form, "route-gateway", "not-an-ip");

        Assert.Contains("not-an-ip", Fields.Text(form, "route-gateway"));
        await form.Find("[data-testid=route-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_flowtable_shows_what_its_devices_are_in_the_kernel_and_why_hardware_offload_is_off()
    {
        var config = ThreePorts() with { Bridges = [new Bridge(Name("br-lan"), [new BridgePort(Name("lan1")), new BridgePort(Name("lan2"))])] };
        await using var context = await ContextAsync(config);
        var form = context.Render<FlowtableForm>(p => p.Add(f => f.DeviceOffload,
            [new DeviceHardwareOffload("lan1", false, "no hardware flow offload on lan1: the software fast path will be used"), new DeviceHardwareOffload("wan0", true, "")]));
        Fields.Type(form, "flowtable-name", "ft");
        Fields.Input(form, "ft-device-br-lan").Change(true);
        Fields.Input(form, "ft-device-wan0").Change(true);

        Assert.Equal("In the kernel: lan1, lan2, wan0", form.Find("[data-testid=resolved-devices]").TextContent.Trim());
        Assert.Contains("no hardware flow offload on lan1", form.Find("[data-testid=hw-offload-reason]").TextContent);
        Assert.True(Fields.Input(form, "flowtable-hw-offload").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_offload_rule_s_bad_match_is_refused_beside_the_field()
    {
        var config = ThreePorts() with { Flowtables = [new Flowtable(ObjectName.Parse("ft"), [Name("lan1"), Name("wan0")])] };
        await using var context = await ContextAsync(config);
        var form = context.Render<OffloadRuleForm>();
        Fields.Type(form, "rule-name", "lan-to-wan");
        Fields.Type(form, "rule-source", "192.168.1.0/33");

        Assert.Contains("33", Fields.Text(form, "rule-source"));
        await form.Find("[data-testid=rule-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_dhcp_client_is_saved_with_its_route_metric_dns_choice_and_host_name()
    {
        await using var context = await ContextAsync(ThreePorts() with { Dhcp = new DhcpSettings(Clients: [new DhcpClient(Name("wan0"))]) });
        var form = context.Render<DhcpClientForm>(p => p.Add(f => f.Existing, new DhcpClient(Name("wan0"))));
        Fields.Input(form, "dhcp-client-metric").Input("10");
        Fields.Input(form, "dhcp-client-peer-dns").Change(false);
        Fields.Type(form, "dhcp-client-hostname", "cpe1");

        await form.Find("[data-testid=dhcp-client-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/dhcp/clients/wan0"), (write.Method, write.Path));
        var (sent, _) = RouterConfigJson.ReadItem(System.Text.Encoding.UTF8.GetBytes(write.Body!), ConfigLists.DhcpClients.ItemJson);
        Assert.Equal(new DhcpClient(Name("wan0"), RouteMetric: 10, UsePeerDns: false, Hostname: DnsName.Parse("cpe1")), sent);
    }

    [Fact]
    public async Task A_dhcp_client_needs_a_device_that_is_not_a_pppoe_uplink()
    {
        var config = ThreePorts() with { Pppoe = [new PppoeUplink(Name("ppp0"), Name("wan0"), PlainText.Parse("u"), Secret.Parse("p"))] };
        await using var context = await ContextAsync(config with { Dhcp = new DhcpSettings(Clients: [new DhcpClient(Name("ppp0"))]) });
        var form = context.Render<DhcpClientForm>(p => p.Add(f => f.Existing, new DhcpClient(Name("ppp0"))));

        Assert.Contains("gets its address from PPP", Fields.Text(form, "dhcp-client-device"));
        Fields.Type(form, "dhcp-client-hostname", "bad_name");
        Assert.Contains("not a valid name", Fields.Text(form, "dhcp-client-hostname"));
        await form.Find("[data-testid=dhcp-client-save]").ClickAsync(new());
        Assert.Empty(context.Router.Writes);
    }

    private static async Task<DashboardContext> ContextAsync(RouterConfig candidate)
    {
        var context = new DashboardContext(candidate);
        await context.LoadCandidateAsync();
        return context;
    }
}
