using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>The flows page's path cell: the path, and why a flow is not on the fast path.</summary>
public sealed class FlowPathCellTests
{
    [Fact]
    public async Task A_classic_flow_shows_why_it_is_not_offloaded()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var cell = context.Render<FlowPathCell>(p => p.Add(c => c.Flow, Flow("none", "excluded by offload rule 'no-dns'")));

        Assert.Equal("classic", cell.Find("[data-testid=path]").TextContent.Trim());
        Assert.Equal("excluded by offload rule 'no-dns'", cell.Find("[data-testid=why]").TextContent.Trim());
    }

    [Fact]
    public async Task An_offloaded_flow_shows_no_reason()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var cell = context.Render<FlowPathCell>(p => p.Add(c => c.Flow, Flow("software", null)));

        Assert.Equal("OFFLOAD", cell.Find("[data-testid=path]").TextContent.Trim());
        Assert.Empty(cell.FindAll("[data-testid=why]"));
    }

    private static FlowView Flow(string offload, string? reason) => new(
        1, 1, 0, "ipv4", 6, "tcp",
        new FlowDirectionView("192.168.1.100", 40000, "203.0.113.1", 443, 1, 60, 0, 0),
        new FlowDirectionView("203.0.113.1", 443, "203.0.113.2", 40000, 1, 60, 0, 0),
        null, null, "established", offload, "live", null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(30), 0, null, null, reason);
}
