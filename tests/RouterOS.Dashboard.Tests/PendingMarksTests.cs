using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Dashboard.Editing;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The object pages mark each row a commit would add, change or remove, and follow the running revision.</summary>
public sealed class PendingMarksTests
{
    private static readonly Flowtable Fast = new(ObjectName.Parse("fast"), [Name("lan1"), Name("wan0")]);

    [Fact]
    public async Task The_dhcp_page_marks_a_changed_server_and_a_lease_the_candidate_adds()
    {
        var running = WithServer(leaseTime: 3600);
        var lease = new StaticLease(MacAddress.Parse("02:00:00:00:00:01"), IpAddress.Parse("192.168.1.10"));
        var candidate = WithServer(leaseTime: 7200, lease);
        await using var context = new DashboardContext(candidate) { Router = { Running = running } };

        var page = context.Render<Dhcp>();

        await page.WaitForAssertionAsync(() => Assert.Equal("Not committed: changed", Mark(page, "dhcp/servers-row-lan1")));
        Assert.Contains("Lease time: 3600 running, 7200 in the candidate.", page.Find("[data-testid='dhcp/servers-row-lan1'] [data-testid=pending-details]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Not committed: added", Mark(page, "dhcp/servers/lan1/static-leases-row-02:00:00:00:00:01"));
    }

    [Fact]
    public async Task The_firewall_page_marks_an_added_zone_and_keeps_a_deleted_one_struck_through()
    {
        var running = Firewalled();
        var guest = new Zone(ObjectName.Parse("guest"), [Name("lan2")]);
        var candidate = running with { Firewall = running.FirewallOrDefault with { Zones = [running.FirewallOrDefault.Zones[0], guest], Forwardings = [] } };
        await using var context = new DashboardContext(candidate) { Router = { Running = running } };

        var page = context.Render<Firewall>();

        await page.WaitForAssertionAsync(() => Assert.Equal("Not committed: added", Mark(page, "zones-row-guest")));
        var removed = page.Find("[data-testid='zones-removed-wan']");
        Assert.Contains("pending-removed", removed.ClassName, StringComparison.Ordinal);
        Assert.Equal("Not committed: removed", Mark(page, "zones-removed-wan"));
        Assert.Empty(removed.QuerySelectorAll("[data-testid=edit], [data-testid=delete]"));
        Assert.Empty(page.FindAll("[data-testid='zones-row-lan'] [data-testid=pending-mark]"));
    }

    [Fact]
    public async Task A_forwarding_the_candidate_drops_and_changed_defaults_are_marked()
    {
        var running = Firewalled();
        var candidate = running with { Firewall = running.FirewallOrDefault with { Forwardings = [], Defaults = new FirewallDefaults(SynFloodProtection: true) } };
        await using var context = new DashboardContext(candidate) { Router = { Running = running } };

        var page = context.Render<Firewall>();

        await page.WaitForAssertionAsync(() => Assert.Equal("Not committed: removed", Mark(page, "cell-lan-wan")));
        Assert.Empty(page.FindAll("[data-testid=cell-wan-lan] [data-testid=pending-mark]"));
        Assert.Equal("Not committed: changed", Mark(page, "firewall-defaults-form"));
        Assert.Contains("SYN flood protection: no running, yes in the candidate.", page.Find("[data-testid=firewall-defaults-form] [data-testid=pending-details]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_flowtables_page_marks_a_changed_flowtable_and_the_mark_goes_once_it_is_committed()
    {
        var running = Firewalled() with { Flowtables = [Fast] };
        var candidate = Firewalled() with { Flowtables = [Fast with { HardwareOffload = true }] };
        await using var context = new DashboardContext(candidate) { Router = { Running = running } };
        var page = context.Render<Flowtables>();
        await page.WaitForAssertionAsync(() => Assert.Equal("Not committed: changed", Mark(page, "flowtables-row-fast")));
        Assert.Contains("Hardware offload: no running, yes in the candidate.", page.Find("[data-testid=pending-details]").TextContent, StringComparison.Ordinal);

        // Committed (here or elsewhere): the change hub tells of another running revision, which is read again.
        context.Router.Running = candidate;
        context.Router.StatusJson = "{\"engineReachable\":false,\"candidateVersion\":1,\"candidateChanges\":0,\"runningRevision\":2}";
        await context.Services.GetRequiredService<ChangeState>().RefreshAsync();

        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=pending-mark]")));
        Assert.NotNull(page.Find("[data-testid='flowtables-row-fast']"));
    }

    [Fact]
    public async Task Without_a_readable_running_revision_nothing_is_marked()
    {
        await using var context = new DashboardContext(Firewalled() with { Flowtables = [Fast] });

        var page = context.Render<Flowtables>();
        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid='flowtables-row-fast']")));

        // The read of the running revision has ended (in a not found): had it been taken for an empty one, every row would say "added".
        await context.Services.GetRequiredService<PendingMarks>().StartAsync();
        page.Render();
        Assert.Empty(page.FindAll("[data-testid=pending-mark]"));
    }

    [Fact]
    public async Task A_changed_pppoe_password_is_marked_from_the_apis_change_set()
    {
        // The API sends the password redacted in both configurations; its change set says it differs.
        var uplink = new PppoeUplink(Name("ppp0"), Name("wan0"), PlainText.Parse("user@isp"), Secret.Parse("(secret)"));
        var config = Firewalled() with { Pppoe = [uplink] };
        var changes = ConfigDiff.Compute(config with { Pppoe = [uplink with { Password = Secret.Parse("old") }] }, config with { Pppoe = [uplink with { Password = Secret.Parse("new") }] });
        await using var context = new DashboardContext(config) { Router = { Running = config } };
        context.Router.Answers["/api/v1/candidate/diff"] = _ => Json(
            $"{{\"from\":\"running revision 1\",\"to\":\"candidate version 2\",\"changes\":{JsonSerializer.Serialize(changes, RouterConfigJson.Metadata(redactSecrets: true).EquatableArrayConfigChange)}}}");
        await context.Services.GetRequiredService<ConfigEditor>().LoadAsync();

        var marks = context.Services.GetRequiredService<PendingMarks>();
        await marks.StartAsync();

        var mark = marks.Diff?.OfKey(ConfigLists.Pppoe, "ppp0");
        Assert.Equal("Not committed: changed", mark?.Label);
        Assert.Equal(["Password differs from the running revision."], mark?.Differences);
    }

    private static HttpResponseMessage Json(string json) =>
        new(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private static string Mark<T>(IRenderedComponent<T> page, string row) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.Find($"[data-testid='{row}'] [data-testid=pending-kind]").TextContent.Trim();

    private static RouterConfig WithServer(int leaseTime, params StaticLease[] leases) => Firewalled() with
    {
        Dhcp = new DhcpSettings(Servers: [new DhcpServer(Name("lan1"), IpAddress.Parse("192.168.1.100"), IpAddress.Parse("192.168.1.200"), leaseTime, StaticLeases: [.. leases])]),
    };
}
