using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Dashboard.Layout;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>The overview's banner when the engine holds the firewall closed, from the status the API sends.</summary>
public sealed class FailClosedAlertTests
{
    private const string HeldStatus = """
        { "engineReachable": true, "candidateVersion": 1, "candidateChanges": 0,
          "engine": { "engineVersion": "1", "kernelRelease": "6.18", "runningRevision": 3, "confirmedRevision": 3,
            "capabilities": { "flowtable": true, "vlan8021Q": true, "bridgeVlanFiltering": true, "ppp": true, "notes": [], "devices": [] },
            "failClosed": { "reason": "the stored configuration (revision 3) could not be restored: there is no device eth9 in the kernel",
              "findings": [ { "severity": "error", "path": "ports[eth9]", "message": "there is no device eth9 in the kernel" } ],
              "baseRuleset": true, "revision": 3, "since": "2026-12-05T10:00:00Z" } } }
        """;

    [Fact]
    public async Task A_firewall_held_closed_is_shown_with_its_reason_and_each_finding_s_path()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        context.Router.StatusJson = HeldStatus;
        var status = await context.Services.GetRequiredService<RouterApi>().StatusAsync();

        var alert = context.Render<FailClosedAlert>(p => p.Add(a => a.Held, status!.Engine!.FailClosed));

        Assert.Contains("could not be restored", alert.Find("[data-testid=fail-closed]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing is forwarded", alert.Find("[data-testid=fail-closed]").TextContent, StringComparison.Ordinal);
        var finding = Assert.Single(alert.FindAll("[data-testid=fail-closed-finding]"));
        Assert.Contains("ports[eth9]", finding.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_it_nothing_is_shown()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);

        var alert = context.Render<FailClosedAlert>(p => p.Add(a => a.Held, null));

        Assert.Empty(alert.FindAll("[data-testid=fail-closed]"));
    }
}
