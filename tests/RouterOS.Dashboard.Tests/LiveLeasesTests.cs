using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The DHCP page's leases, live (issue 23): what the lease hub pushes shows on the open page, with
/// no reload and no request of its own, and the page says when the engine's feed is down.
/// </summary>
public sealed class LiveLeasesTests
{
    private static readonly DhcpLeaseView Phone = new("02:00:00:00:00:61", "192.168.1.161", "phone", null);
    private static readonly DhcpLeaseView Laptop = new("02:00:00:00:00:62", "192.168.1.162", null, null);

    private static RouterConfig Lan() => ThreePorts() with
    {
        Addresses = [new AddressAssignment(Name("lan1"), InterfaceAddress.Parse("192.168.1.1/24"))],
        Dhcp = new DhcpSettings(Servers: [new DhcpServer(Name("lan1"), IpAddress.Parse("192.168.1.100"), IpAddress.Parse("192.168.1.199"))]),
    };

    [Fact]
    public async Task A_lease_pushed_by_the_hub_shows_on_the_open_page_with_its_make_static_button()
    {
        await using var context = new DashboardContext(Lan());
        var reads = 0;
        context.Router.Answers["/api/v1/dhcp/leases"] = _ =>
        {
            reads++;
            return new(System.Net.HttpStatusCode.OK) { Content = new StringContent("[]") };
        };
        var page = await OpenAsync(context);
        await Push(context, page, new DhcpLeaseSnapshot([Phone], Connected: true));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=lease]")));

        // A new client: the hub says so, the page shows it, and nothing was asked of the API for it.
        await Push(context, page, new DhcpLeaseSnapshot([Phone, Laptop], Connected: true));

        await page.WaitForAssertionAsync(() => Assert.Equal(2, page.FindAll("[data-testid=lease]").Count));
        var row = page.FindAll("[data-testid=lease]")[1];
        Assert.Contains("192.168.1.162", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("[data-testid=make-static]"));
        Assert.Equal(0, reads);
        Assert.Empty(page.FindAll("[data-testid=leases-disconnected]"));
    }

    [Fact]
    public async Task A_lease_gone_leaves_the_table_and_a_broken_engine_feed_is_said()
    {
        await using var context = new DashboardContext(Lan());
        var page = await OpenAsync(context);
        await Push(context, page, new DhcpLeaseSnapshot([Phone, Laptop], Connected: true));
        await page.WaitForAssertionAsync(() => Assert.Equal(2, page.FindAll("[data-testid=lease]").Count));

        await Push(context, page, new DhcpLeaseSnapshot([Laptop], Connected: true));
        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("192.168.1.161", page.Find("[data-testid=leases]").TextContent, StringComparison.Ordinal));

        await Push(context, page, new DhcpLeaseSnapshot([Laptop], Connected: false));
        await page.WaitForAssertionAsync(() => Assert.Contains("The engine is not reachable",
            page.Find("[data-testid=leases-disconnected]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=lease]"));
    }

    [Fact]
    public async Task A_hub_that_cannot_be_reached_is_said_in_the_page()
    {
        await using var context = new DashboardContext(Lan());
        context.Hubs.Refuse = new HttpRequestException("the router did not answer");

        var page = context.Render<Dhcp>();

        await page.WaitForAssertionAsync(() => Assert.Contains("the router did not answer",
            page.Find("[data-testid=leases-unfollowed]").TextContent, StringComparison.Ordinal));

        // The page opened again once the hub answers follows it: the failed connect was not kept.
        context.Hubs.Refuse = null;
        await OpenAsync(context);
    }

    private static async Task<IRenderedComponent<Dhcp>> OpenAsync(DashboardContext context)
    {
        var page = context.Render<Dhcp>();
        await page.WaitForAssertionAsync(() => Assert.NotNull(page.Find("[data-testid=leases-waiting]")));
        Assert.True(context.Hubs.IsSubscribed(LiveHubs.LeasesPath, LiveHubs.LeaseSnapshotMethod));
        return page;
    }

    private static Task Push(DashboardContext context, IRenderedComponent<Dhcp> page, DhcpLeaseSnapshot snapshot) =>
        page.InvokeAsync(() => context.Hubs.Push(LiveHubs.LeasesPath, LiveHubs.LeaseSnapshotMethod, snapshot));
}
