using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The whole path on the host kernel (root only): a real UDP flow through a router namespace,
/// the real engine watching it, the API's REST answer and hub update, and a kill that reaches
/// the kernel.
/// </summary>
public sealed class RealFlowTests
{
    [Fact]
    public async Task A_real_flow_reaches_rest_and_the_hub_with_its_exact_counters_and_can_be_killed()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        var cancel = TestContext.Current.CancellationToken;
        using var testbed = new FlowTestbed();
        await using var engine = await InProcessEngine.StartAsync(testbed.Router.Name, TimeSpan.FromMilliseconds(200));
        await using var api = new ApiFactory(engineSocket: engine.Socket);
        using var client = await api.CreateTokenClientAsync();
        // The engine fails closed: until a configuration puts lan0 and wan0 in zones that forward, nothing passes.
        await client.PutJsonAsync("/api/v1/config", ForwardingLanToWan).ExpectAsync(HttpStatusCode.OK);
        await client.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);

        testbed.SendUdp(sourcePort: 42000, count: 5, payload: 60);
        var row = await PollRowAsync(client, "port:42000", row => row["original"]!["packets"]!.GetValue<ulong>() == 5);

        Assert.Equal("10.1.0.2", row["original"]!["source"]!.GetValue<string>());
        Assert.Equal(("10.2.0.2", 9000), (row["original"]!["destination"]!.GetValue<string>(), row["original"]!["destinationPort"]!.GetValue<int>()));
        Assert.Equal(5ul * (20 + 8 + 60), row["original"]!["bytes"]!.GetValue<ulong>());
        Assert.Equal(0ul, row["reply"]!["bytes"]!.GetValue<ulong>());
        Assert.Equal(7u, row["mark"]!.GetValue<uint>());
        Assert.Equal(("udp", "none", "live"), (row["protocolName"]!.GetValue<string>(), row["offload"]!.GetValue<string>(), row["counters"]!.GetValue<string>()));
        var id = row["id"]!.GetValue<ulong>();

        var token = await Onboarding.CreateTokenAsync(await api.CreateBrowserAsync(), "real-hub", "read");
        var updates = Channel.CreateUnbounded<FlowPageDelta>();
        await using var hub = HubUpdates.Connect(api, LiveHubs.FlowsPath, token, LiveHubs.FlowUpdate, updates);
        await hub.StartAsync(cancel);
        await hub.InvokeAsync(LiveHubs.FlowSubscribe, new FlowSubscribeRequest(Filter: "port:42000"), cancel);
        var first = await HubUpdates.NextAsync(updates, delta => delta.Reset);
        Assert.Equal(5ul, Assert.Single(first.Upserts).Original.Packets);

        testbed.SendUdp(sourcePort: 42000, count: 3, payload: 60);
        var grown = await HubUpdates.NextAsync(updates, delta => delta.Upserts.Any(flow => flow.Original.Packets == 8));
        Assert.Equal(8ul * 88, grown.Upserts.Single().Original.Bytes);

        await client.Delete($"/api/v1/flows/{id}").ExpectAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain("sport=42000", testbed.Router.Exec("conntrack", "-L"), StringComparison.Ordinal);
        await HubUpdates.NextAsync(updates, delta => delta.Removed.Contains(id));
    }

    /// <summary>The testbed's own addresses, lan0 and wan0 in zones, and forwarding from lan to wan (no NAT: the test reads the original tuple).</summary>
    private const string ForwardingLanToWan = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "addresses": [ { "device": "lan0", "address": "10.1.0.1/24" }, { "device": "wan0", "address": "10.2.0.1/24" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ] } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    private static async Task<JsonNode> PollRowAsync(HttpClient client, string filter, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await client.Get($"/api/v1/flows?filter={Uri.EscapeDataString(filter)}").ExpectAsync(HttpStatusCode.OK);
            if (page["rows"]!.AsArray().FirstOrDefault() is { } row && done(row))
                return row;
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {filter}: {page.ToJsonString()}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
