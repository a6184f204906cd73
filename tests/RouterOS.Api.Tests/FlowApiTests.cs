using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>Flows over REST and the hub, fed by the engine double's flow stream.</summary>
public sealed class FlowApiTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await _api.CreateTokenClientAsync();

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task Rest_answers_exactly_what_the_engine_streamed()
    {
        var masqueraded = TestFlows.Udp(7, "192.168.1.100", 40000, "203.0.113.1", 53, 1280) with
        {
            Reply = new FlowDirectionView("203.0.113.1", 53, "203.0.113.2", 61000, 1, 120, 0, 0),
            SourceNat = "203.0.113.2:61000",
            Mark = 7,
            Expires = DateTimeOffset.UtcNow.AddSeconds(25),
            NotOffloadedReason = "excluded by offload rule 'no-dns'",
        };
        _api.Engine.PushFlows(new FlowUpdate(true, [masqueraded, TestFlows.Udp(8, "192.168.1.101", 40001, "203.0.113.1", 53, 99)], [], TestFlows.Totals(2), true));

        var page = await PollAsync("/api/v1/flows?filter=proto:udp&sort=bytes&limit=1", p => p["matching"]!.GetValue<int>() == 2);

        var row = Assert.Single(page["rows"]!.AsArray())!;
        Assert.Equal(7ul, row["id"]!.GetValue<ulong>());
        Assert.Equal("192.168.1.100", row["original"]!["source"]!.GetValue<string>());
        Assert.Equal(1280ul, row["original"]!["bytes"]!.GetValue<ulong>());
        Assert.Equal(120ul, row["reply"]!["bytes"]!.GetValue<ulong>());
        Assert.Equal("203.0.113.2:61000", row["sourceNat"]!.GetValue<string>());
        Assert.Equal(7u, row["mark"]!.GetValue<uint>());
        Assert.Equal("none", row["offload"]!.GetValue<string>());
        Assert.Equal("excluded by offload rule 'no-dns'", row["notOffloadedReason"]!.GetValue<string>());
        // Counted down from the expiry when asked, as `conntrack -L` would say it now.
        Assert.InRange(row["timeoutSeconds"]!.GetValue<int>(), 1, 25);
        Assert.True(page["connected"]!.GetValue<bool>());
        Assert.Equal(2, page["totals"]!["total"]!.GetValue<int>());

        var one = await _client.Get("/api/v1/flows/8").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("192.168.1.101", one["original"]!["source"]!.GetValue<string>());
        await _client.Get("/api/v1/flows/9").ExpectAsync(HttpStatusCode.NotFound);

        _api.Engine.PushFlows(new FlowUpdate(false, [], [8], null, true));
        await PollAsync("/api/v1/flows", p => p["matching"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task A_bad_filter_is_a_400_that_names_it()
    {
        var problem = await _client.Get("/api/v1/flows?filter=colour:red").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("filter: 'colour' is not a filter", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_offset_is_a_400_that_gives_the_allowed_range()
    {
        _api.Engine.PushFlows(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 500)], [], TestFlows.Totals(1), true));

        var problem = await _client.Get("/api/v1/flows?offset=2147483647").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("offset: the offset must be between 0 and 10000; page further with the nextCursor each page returns", problem["detail"]!.GetValue<string>());
        await _client.Get("/api/v1/flows?offset=-1").ExpectAsync(HttpStatusCode.BadRequest);
        await _client.Get("/api/v1/flows?cursor=garbage").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_client_walks_every_flow_by_following_next_cursor()
    {
        _api.Engine.PushFlows(new FlowUpdate(true, [.. Enumerable.Range(1, 7).Select(i => TestFlows.Udp((ulong)i, "10.0.0.1", 1000 + i, "192.0.2.1", 53, (ulong)(i % 3)))], [], TestFlows.Totals(7), true));
        var first = await PollAsync("/api/v1/flows?limit=3&sort=bytes&order=asc", p => p["matching"]!.GetValue<int>() == 7);

        var seen = new List<ulong>();
        var page = first;
        while (true)
        {
            seen.AddRange(page["rows"]!.AsArray().Select(row => row!["id"]!.GetValue<ulong>()));
            if (page["nextCursor"]?.GetValue<string>() is not { } cursor)
                break;
            page = await _client.Get($"/api/v1/flows?limit=3&cursor={Uri.EscapeDataString(cursor)}").ExpectAsync(HttpStatusCode.OK);
        }

        // Bytes 0, 1, 2 (i % 3) ascending, ties by id.
        Assert.Equal([3ul, 6ul, 1ul, 4ul, 7ul, 2ul, 5ul], seen);
    }

    [Fact]
    public async Task A_subscriber_whose_query_fails_does_not_stop_the_others_or_the_host()
    {
        var token = await Onboarding.CreateTokenAsync(await _api.CreateBrowserAsync(), "hub-test", "read");
        var updates = Channel.CreateUnbounded<FlowPageDelta>();
        await using var hub = HubUpdates.Connect(_api, LiveHubs.FlowsPath, token, LiveHubs.FlowUpdate, updates);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync(LiveHubs.FlowSubscribe, new FlowSubscribeRequest(Limit: 10), TestContext.Current.CancellationToken);
        // A query the hub would refuse, set behind its back: computing its page throws, as a bug in the query code would.
        _api.Services.GetRequiredService<FlowHubSubscribers>().Set("broken", FlowQuery.Default with { Offset = int.MaxValue });

        _api.Engine.PushFlows(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 500)], [], TestFlows.Totals(1), true));
        await HubUpdates.NextAsync(updates, d => d.Order.SequenceEqual([1ul]));
        _api.Engine.PushFlows(new FlowUpdate(false, [TestFlows.Udp(2, "10.0.0.2", 1000, "192.0.2.1", 53, 900)], [], TestFlows.Totals(2), true));
        await HubUpdates.NextAsync(updates, d => d.Order.SequenceEqual([2ul, 1ul]));

        Assert.False(_api.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await _client.Get("/api/v1/flows").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Killing_a_flow_needs_write_scope_and_reaches_the_engine()
    {
        _api.Engine.KillableFlows.Add(7);
        using var reader = await _api.CreateTokenClientAsync("read");

        await reader.Delete("/api/v1/flows/7").ExpectAsync(HttpStatusCode.Forbidden);
        await _client.Delete("/api/v1/flows/7").ExpectAsync(HttpStatusCode.NoContent);
        var gone = await _client.Delete("/api/v1/flows/7").ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal([7ul], _api.Engine.Killed);
        Assert.Equal("no flow 7", gone["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_hub_sends_the_page_then_only_what_changed()
    {
        var token = await Onboarding.CreateTokenAsync(await _api.CreateBrowserAsync(), "hub-test", "read");
        var updates = Channel.CreateUnbounded<FlowPageDelta>();
        await using var hub = HubUpdates.Connect(_api, LiveHubs.FlowsPath, token, LiveHubs.FlowUpdate, updates);
        await hub.StartAsync(TestContext.Current.CancellationToken);
        _api.Engine.PushFlows(new FlowUpdate(true, [TestFlows.Udp(1, "10.0.0.1", 1000, "192.0.2.1", 53, 500) with { NotOffloadedReason = "no offload rule matched" }, TestFlows.Udp(2, "10.0.0.2", 1000, "192.0.2.1", 53, 100)], [], TestFlows.Totals(2), true));

        await hub.InvokeAsync(LiveHubs.FlowSubscribe, new FlowSubscribeRequest(Filter: "proto:udp", Limit: 1), TestContext.Current.CancellationToken);

        var first = await HubUpdates.NextAsync(updates, d => d.Reset && d.Upserts.Count == 1);
        Assert.Equal(1ul, first.Upserts[0].Id);
        Assert.Equal("no offload rule matched", first.Upserts[0].NotOffloadedReason);
        Assert.Equal((2, 2), (first.Matching, first.Total));

        // Flow 2 overtakes flow 1: the page now shows flow 2 alone.
        _api.Engine.PushFlows(new FlowUpdate(false, [TestFlows.Udp(2, "10.0.0.2", 1000, "192.0.2.1", 53, 900)], [], null, true));
        var second = await HubUpdates.NextAsync(updates, d => !d.Reset && d.Upserts.Count == 1);
        Assert.Equal(2ul, second.Upserts[0].Id);
        Assert.Equal(900ul, second.Upserts[0].Original.Bytes);
        Assert.Equal([1ul], second.Removed);
        Assert.Equal([2ul], second.Order);

        // A bad query is refused in words, and the subscription stays as it was.
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(LiveHubs.FlowSubscribe, new FlowSubscribeRequest(Filter: "port:x"), TestContext.Current.CancellationToken));
        Assert.Contains("filter: 'x' is not a port", refused.Message, StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> PollAsync(string url, Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await _client.Get(url).ExpectAsync(HttpStatusCode.OK);
            if (done(page))
                return page;
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting on {url}: {page.ToJsonString()}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
