using System.Threading.Channels;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The leases hub (issue 23): the engine's lease stream passed to the browsers, the latest list to
/// a browser as it connects and every new one after that, for a read token and no one unsigned.
/// </summary>
public sealed class LeaseFeedTests : IAsyncLifetime
{
    private static readonly DhcpLeaseView Printer = new("02:00:00:00:00:50", "192.168.7.50", "printer", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private static readonly DhcpLeaseView Laptop = new("02:00:00:00:00:51", "192.168.7.51", null, null);

    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task A_browser_gets_the_latest_leases_on_connecting_and_a_new_one_when_the_engine_sends_it()
    {
        var token = await Onboarding.CreateTokenAsync(await _api.CreateBrowserAsync(), "hub-test", "read");
        _api.Engine.Leases.Add(Printer);
        _api.Engine.PushLeases();
        // The feed has passed it on once the stream delivered it; only then does the browser come.
        await Eventually.HoldsAsync(() => FeedLatest() is { Connected: true, Leases.Count: 1 });

        var snapshots = Channel.CreateUnbounded<DhcpLeaseSnapshot>();
        await using var hub = HubUpdates.Connect(_api, LiveHubs.LeasesPath, token, LiveHubs.LeaseSnapshotMethod, snapshots);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var first = await HubUpdates.NextAsync(snapshots, _ => true);
        Assert.True(first.Connected);
        Assert.Equal([Printer], first.Leases);

        _api.Engine.Leases.Add(Laptop);
        _api.Engine.PushLeases();
        var next = await HubUpdates.NextAsync(snapshots, _ => true);
        Assert.Equal([Printer, Laptop], next.Leases);
    }

    [Fact]
    public async Task Without_signing_in_the_hub_refuses()
    {
        var snapshots = Channel.CreateUnbounded<DhcpLeaseSnapshot>();
        await using var hub = HubUpdates.Connect(_api, LiveHubs.LeasesPath, token: "", LiveHubs.LeaseSnapshotMethod, snapshots);

        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => hub.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private DhcpLeaseSnapshot FeedLatest() =>
        ((Leases.LeaseFeed)_api.Services.GetService(typeof(Leases.LeaseFeed))!).Latest;
}
