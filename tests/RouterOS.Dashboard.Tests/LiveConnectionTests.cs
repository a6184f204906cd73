using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Layout;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// A hub losing its connection (the API restarting, the network down) is said on every page, as long
/// as it lasts: the live values on screen stopped updating, and nothing else shows it.
/// </summary>
public sealed class LiveConnectionTests
{
    private const string SignedIn = "{\"user\":{\"name\":\"admin\",\"source\":\"session\",\"canWrite\":true},\"setupPending\":false}";

    [Fact]
    public async Task A_lost_hub_is_said_until_it_is_back()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        context.Router.Session = SignedIn;
        context.RunInBrowser();
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("interfaces");
        var layout = context.Render<MainLayout>(l => l.Add(p => p.Body, builder =>
        {
            builder.OpenComponent<Interfaces>(0);
            builder.CloseComponent();
        }));
        await layout.WaitForAssertionAsync(() => Assert.True(context.Hubs.IsSubscribed(LiveHubs.LinksPath, LiveHubs.LinkSnapshotMethod)));
        Assert.Empty(layout.FindAll("[data-testid=live-interrupted]"));

        context.Hubs.Connection(LiveHubs.LinksPath, connected: false);
        await layout.WaitForAssertionAsync(() =>
            Assert.Contains("connection to the router was lost", layout.Find("[data-testid=live-interrupted]").TextContent, StringComparison.Ordinal));

        context.Hubs.Connection(LiveHubs.LinksPath, connected: true);
        await layout.WaitForAssertionAsync(() => Assert.Empty(layout.FindAll("[data-testid=live-interrupted]")));
    }

    [Fact]
    public void Every_lost_hub_must_be_back_before_the_connection_counts_as_whole()
    {
        var live = new Dashboard.Services.LiveConnection();
        var told = 0;
        live.Changed += () => told++;

        live.Report("/hubs/links", connected: false);
        var since = live.InterruptedSince;
        Assert.NotNull(since);
        live.Report("/hubs/links", connected: false);
        live.Report("/hubs/changes", connected: false);
        Assert.Equal(since, live.InterruptedSince);
        live.Report("/hubs/links", connected: true);
        Assert.Equal(since, live.InterruptedSince);
        live.Report("/hubs/changes", connected: true);
        Assert.Null(live.InterruptedSince);
        // A hub that was never lost coming back changes nothing.
        live.Report("/hubs/flows", connected: true);
        Assert.Null(live.InterruptedSince);
        Assert.Equal(4, told);
    }
}
