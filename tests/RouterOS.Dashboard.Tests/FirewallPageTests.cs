using System.Net;
using System.Text;
using Bunit;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Forms;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The Firewall page: the forwarding grid, reordering the ordered lists, and each rule's live counters.</summary>
public sealed class FirewallPageTests
{
    private static readonly ObjectName Lan = ObjectName.Parse("lan");
    private static readonly ObjectName Wan = ObjectName.Parse("wan");

    [Fact]
    public async Task Ticking_a_cell_of_the_forwarding_grid_adds_that_forwarding_and_unticking_removes_it()
    {
        await using var context = new DashboardContext(Firewalled());
        await context.LoadCandidateAsync();
        var settings = Firewalled().Firewall!;
        var grid = context.Render<ZoneForwardingGrid>(p => p.Add(g => g.Zones, [.. settings.Zones]).Add(g => g.Forwardings, [.. settings.Forwardings]));

        Assert.True(Checked(grid, "forward-lan-wan"));
        Assert.False(Checked(grid, "forward-wan-lan"));
        await Fields.Input(grid, "forward-wan-lan").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await Fields.Input(grid, "forward-lan-wan").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });

        Assert.Equal(2, context.Router.Writes.Count);
        var (addMethod, addPath, _, addBody) = context.Router.Writes[0];
        Assert.Equal(HttpMethod.Put, addMethod);
        Assert.Equal("/api/v1/zones/forwardings/wan-%3Elan", addPath);
        Assert.Equal(new ZoneForwarding(Wan, Lan), RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(addBody!), ConfigLists.ZoneForwardings.ItemJson).Value);
        Assert.Equal((HttpMethod.Delete, "/api/v1/zones/forwardings/lan-%3Ewan"), (context.Router.Writes[1].Method, context.Router.Writes[1].Path));
    }

    [Fact]
    public void Moving_a_rule_gives_the_new_order_and_not_past_either_end()
    {
        string[] rules = ["a", "b", "c"];

        Assert.Equal(["b", "a", "c"], ListOrder.Moved(rules, "a", 1));
        Assert.Equal(["a", "c", "b"], ListOrder.Moved(rules, "c", -1));
        Assert.Null(ListOrder.Moved(rules, "a", -1));
        Assert.Null(ListOrder.Moved(rules, "c", 1));
        Assert.Equal(["c", "a", "b"], ListOrder.MovedTo(rules, "c", 0));
        Assert.Equal(["b", "c", "a"], ListOrder.MovedTo(rules, "a", 9));
        Assert.Null(ListOrder.MovedTo(rules, "b", 1));
    }

    [Fact]
    public async Task Moving_a_forward_rule_down_writes_the_whole_list_in_its_new_order()
    {
        var first = new ForwardRule(ObjectName.Parse("first"), To: Wan, Action: RuleAction.Drop);
        var second = new ForwardRule(ObjectName.Parse("second"), From: Lan);
        await using var context = new DashboardContext(WithRules(forwardRules: [first, second]));
        var page = context.Render<Firewall>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid='firewall/forward-rules-row-first']")));

        await page.Find("[data-testid='firewall/forward-rules-row-first'] [data-testid=move-down]").ClickAsync(new());

        var write = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Put, "/api/v1/firewall/forward-rules"), (write.Method, write.Path));
        var (sent, _) = RouterConfigJson.ReadItem(Encoding.UTF8.GetBytes(write.Body!), ConfigLists.ForwardRules.ListJson);
        Assert.Equal([second, first], sent);
    }

    [Fact]
    public async Task Each_rule_shows_its_counters_a_dash_when_not_running_and_the_page_says_what_they_count()
    {
        var forward = new PortForward(ObjectName.Parse("web"), Wan, ForwardedProtocol.Tcp, PortRange.Parse("443"), IpAddress.Parse("192.168.1.10"));
        var snat = new SourceNatRule(ObjectName.Parse("fixed"), Wan, Cidr.Parse("198.51.100.9/32"));
        var rule = new ForwardRule(ObjectName.Parse("no-smb"), To: Wan, Protocol: RuleProtocol.Tcp, Ports: [PortRange.Parse("445")], Action: RuleAction.Drop);
        await using var context = new DashboardContext(WithRules([forward], [snat], [rule]));
        context.Router.Answers["/api/v1/firewall/counters"] = _ => Json("""
            [ { "path": "firewall.portForwards[web]", "packets": 12, "bytes": 3400 },
              { "path": "firewall.forwardRules[no-smb]", "packets": 1, "bytes": 60 } ]
            """);
        var page = context.Render<Firewall>();

        await page.WaitForAssertionAsync(() => Assert.Equal("12 packets · 3.4 kB", Counters(page, "firewall/port-forwards-row-web")));
        Assert.Equal("1 packet · 60 B", Counters(page, "firewall/forward-rules-row-no-smb"));
        Assert.Equal(RuleCounters.NotRunning, Counters(page, "firewall/source-nat-row-fixed"));
        var note = page.Find("[data-testid=counters-note]").TextContent;
        Assert.Contains("count connections", note, StringComparison.Ordinal);
        Assert.Contains("zero at each commit", note, StringComparison.Ordinal);
    }

    private static string Counters(IRenderedComponent<Firewall> page, string row) =>
        page.Find($"[data-testid='{row}'] [data-testid=counters]").TextContent.Trim();

    private static bool Checked(IRenderedComponent<ZoneForwardingGrid> grid, string testId) =>
        ((AngleSharp.Html.Dom.IHtmlInputElement)Fields.Input(grid, testId)).IsChecked;

    private static RouterConfig WithRules(EquatableArray<PortForward> forwards = default, EquatableArray<SourceNatRule> sourceNat = default, EquatableArray<ForwardRule> forwardRules = default)
    {
        var config = Firewalled();
        return config with { Firewall = config.Firewall! with { PortForwards = forwards, SourceNat = sourceNat, ForwardRules = forwardRules } };
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
