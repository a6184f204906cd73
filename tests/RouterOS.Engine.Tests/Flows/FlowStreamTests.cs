using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Contracts.Engine;
using RouterOS.Engine.Control;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Hosting;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.State;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Engine.Tests.Flows;

/// <summary>The engine's gRPC flow stream and kill, served on a Unix socket over a real namespace (root only).</summary>
public sealed class FlowStreamTests
{
    [Fact]
    public async Task The_stream_carries_the_kernel_entries_values_and_kill_deletes_one()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        using var testbed = new FlowTestbed();
        var work = Directory.CreateTempSubdirectory("routeros-flow-stream-").FullName;
        var socket = Path.Combine(work, "engine.sock");
        try
        {
            using var kernel = new RouterKernel(testbed.Router.Name);
            using var engine = new RouterEngine(kernel, new EngineStateStore(Path.Combine(work, "state")), TimeProvider.System, NullLogger<RouterEngine>.Instance);
            using var monitor = new FlowMonitor(testbed.Router.Name, new FlowMonitorOptions(TimeSpan.FromMilliseconds(200)), TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
            monitor.Start();
            var builder = EngineServer.CreateBuilder(socket);
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(engine);
            builder.Services.AddSingleton(monitor);
            await using var app = EngineServer.Build(builder);
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var channel = GrpcChannel.ForAddress("http://engine", new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler
                {
                    ConnectCallback = async (_, cancel) =>
                    {
                        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                        await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancel);
                        return new NetworkStream(client, ownsSocket: true);
                    },
                },
            });
            var client = new Contracts.Engine.Engine.EngineClient(channel);
            using var stream = client.WatchFlows(new WatchFlowsRequest(), cancellationToken: TestContext.Current.CancellationToken);

            testbed.SendUdp(sourcePort: 41000, count: 4, payload: 72);
            var flow = await NextFlowAsync(stream.ResponseStream, f => f.Original.Source.Port == 41000 && f.Original.Packets == 4);

            Assert.Equal(("ipv4", "udp", "10.1.0.2", "10.2.0.2", 9000u), (flow.Family, flow.ProtocolName, flow.Original.Source.Address, flow.Original.Destination.Address, flow.Original.Destination.Port));
            Assert.Equal(4ul * (20 + 8 + 72), flow.Original.Bytes);
            Assert.Equal(7u, flow.Mark);
            Assert.Equal(("none", "live"), (flow.Offload, flow.Counters));

            var killed = await client.KillFlowAsync(new KillFlowRequest { Id = flow.Id }, cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(killed.Killed, killed.Error);
            Assert.DoesNotContain("sport=41000", testbed.Router.Exec("conntrack", "-L"), StringComparison.Ordinal);
            await NextRemovalAsync(stream.ResponseStream, flow.Id);
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Flow> NextFlowAsync(IAsyncStreamReader<FlowBatch> stream, Func<Flow, bool> wanted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await stream.MoveNext(deadline.Token))
        {
            if (stream.Current.Upserts.FirstOrDefault(wanted) is { } flow)
            {
                return flow;
            }
        }
        throw new InvalidOperationException("the flow stream ended");
    }

    private static async Task NextRemovalAsync(IAsyncStreamReader<FlowBatch> stream, ulong id)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (await stream.MoveNext(deadline.Token))
        {
            if (stream.Current.Removed.Contains(id))
            {
                return;
            }
        }
        throw new InvalidOperationException("the flow stream ended");
    }
}
