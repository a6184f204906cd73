using System.Text;
using Bunit;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The firewall's forms build the domain's items from what is typed and send them to the candidate.</summary>
public sealed class FirewallFormTests
{
    [Fact]
    public async Task A_port_forward_is_saved_with_its_zone_ports_and_inside_host()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<PortForwardForm>();
        Fields.Type(form, "pf-name", "nas-web");
        Fields.Type(form, "pf-outside-port", "8443");
        Fields.Type(form, "pf-inside-host", "192.168.1.10");
        Fields.Type(form, "pf-inside-port", "443");

        await form.Find("[data-testid=pf-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/firewall/port-forwards/nas-web"), (write.Method, write.Path));
        Assert.Equal(new PortForward(ObjectName.Parse("nas-web"), ObjectName.Parse("wan"), ForwardedProtocol.Tcp, PortRange.Parse("8443"), IpAddress.Parse("192.168.1.10"), PortRange.Parse("443")),
            Sent(write.Body, ConfigLists.PortForwards.ItemJson));
    }

    [Fact]
    public async Task A_port_forward_without_an_outside_port_or_with_a_bad_host_is_not_sent()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<PortForwardForm>();
        Fields.Type(form, "pf-name", "nas-web");
        Fields.Type(form, "pf-inside-host", "192.168.1.300");

        await form.Find("[data-testid=pf-save]").ClickAsync(new());

        Assert.Contains("required", Fields.Text(form, "pf-outside-port"));
        Assert.Contains("192.168.1.300", Fields.Text(form, "pf-inside-host"));
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task A_zone_is_saved_with_its_interfaces_policy_masquerade_and_mss_clamping()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<ZoneForm>();
        Fields.Type(form, "zone-name", "guest");
        Fields.Type(form, "zone-interfaces", "lan2");
        Fields.Input(form, "zone-mss").Change(true);

        await form.Find("[data-testid=zone-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal("/api/v1/zones/guest", write.Path);
        Assert.Equal(new Zone(ObjectName.Parse("guest"), [Name("lan2")], ZonePolicy.Drop, MssClamping: true), Sent(write.Body, ConfigLists.Zones.ItemJson));
    }

    [Fact]
    public async Task An_input_rule_is_saved_with_its_ports_and_source()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<InputRuleForm>();
        Fields.Type(form, "input-rule-name", "ssh");
        Fields.Type(form, "input-rule-ports", "22, 2222-2223");
        Fields.Type(form, "input-rule-source", "192.168.1.0/24");

        await form.Find("[data-testid=input-rule-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal("/api/v1/zones/input-rules/ssh", write.Path);
        Assert.Equal(new InputRule(ObjectName.Parse("ssh"), ObjectName.Parse("lan"), L4Protocol.Tcp, [PortRange.Parse("22"), PortRange.Parse("2222-2223")], Cidr.Parse("192.168.1.0/24")),
            Sent(write.Body, ConfigLists.InputRules.ItemJson));
    }

    [Fact]
    public async Task A_source_nat_rule_is_saved_leaving_through_the_uplink_zone()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<SourceNatForm>();
        Fields.Type(form, "snat-name", "servers");
        Fields.Type(form, "snat-to", "203.0.113.8/29");

        await form.Find("[data-testid=snat-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal("/api/v1/firewall/source-nat/servers", write.Path);
        Assert.Equal(new SourceNatRule(ObjectName.Parse("servers"), ObjectName.Parse("wan"), Cidr.Parse("203.0.113.8/29")), Sent(write.Body, ConfigLists.SourceNat.ItemJson));
    }

    [Fact]
    public async Task An_existing_forward_rule_is_edited_keeping_its_zones_and_marking_dscp()
    {
        var rule = new ForwardRule(ObjectName.Parse("voice"), From: ObjectName.Parse("lan"), Protocol: RuleProtocol.Udp);
        await using var context = await ContextAsync(Firewalled() with { Firewall = Firewalled().Firewall! with { ForwardRules = [rule] } });
        var form = context.Render<ForwardRuleForm>(p => p.Add(f => f.Existing, rule));
        Fields.Type(form, "fr-ports", "5060");
        Fields.Type(form, "fr-dscp", "ef");

        await form.Find("[data-testid=fr-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal("/api/v1/firewall/forward-rules/voice", write.Path);
        Assert.Equal(rule with { Ports = [PortRange.Parse("5060")], SetDscp = Dscp.Parse("ef") }, Sent(write.Body, ConfigLists.ForwardRules.ItemJson));
    }

    [Fact]
    public async Task A_bad_icmp_type_is_refused_beside_its_field()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<ForwardRuleForm>();
        Fields.Type(form, "fr-name", "no-ping");
        Fields.Type(form, "fr-icmp-types", "no-such-type");

        await form.Find("[data-testid=fr-save]").ClickAsync(new());

        Assert.Contains("no-such-type", Fields.Text(form, "fr-icmp-types"));
        Assert.Empty(context.Router.Writes);
    }

    [Fact]
    public async Task The_defaults_are_saved_with_syn_flood_protection_its_rate_and_burst()
    {
        await using var context = await ContextAsync(Firewalled());
        var form = context.Render<FirewallDefaultsForm>();
        Fields.Input(form, "defaults-syn-flood").Change(true);
        Fields.Input(form, "defaults-syn-rate").Input("100");
        Fields.Input(form, "defaults-syn-burst").Input("200");

        await form.Find("[data-testid=defaults-save]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/firewall/defaults"), (write.Method, write.Path));
        Assert.Equal(new FirewallDefaults(SynFloodProtection: true, SynFloodRate: 100, SynFloodBurst: 200), Sent(write.Body, ConfigSettings.FirewallDefaults.Json));
    }

    private static T? Sent<T>(string? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> json)
    {
        var (sent, error) = RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(body!), json);
        Assert.Null(error);
        return sent;
    }

    private static async Task<DashboardContext> ContextAsync(RouterConfig candidate)
    {
        var context = new DashboardContext(candidate);
        await context.LoadCandidateAsync();
        return context;
    }
}
