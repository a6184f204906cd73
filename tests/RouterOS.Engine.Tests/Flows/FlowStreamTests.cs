using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
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
        await using var server = await EngineOverSocket.StartAsync();
        var testbed = server.Testbed;
        var client = server.Client;
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
    }

    [Fact]
    public async Task A_table_larger_than_a_message_comes_in_pieces_that_end_complete()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        await using var server = await EngineOverSocket.StartAsync();
        var testbed = server.Testbed;
        const int Flows = 600;
        var ports = Enumerable.Range(42000, Flows).ToHashSet();
        testbed.Client.Exec("python3", "-c",
            "import socket\n" +
            $"for port in range({ports.Min()}, {ports.Max() + 1}):\n" +
            "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('10.1.0.2', port)); s.sendto(b'x', ('10.2.0.2', 9000)); s.close()");
        // A first watcher sees every flow: the monitor has read them all.
        using (var first = server.Client.WatchFlows(new WatchFlowsRequest(), cancellationToken: TestContext.Current.CancellationToken))
        {
            var seen = new HashSet<int>();
            _ = await NextFlowAsync(first.ResponseStream, flow => seen.Add((int)flow.Original.Source.Port) && ports.IsSubsetOf(seen));
        }

        // A new watcher's first batch is the whole table again: several messages, the last complete.
        using var second = server.Client.WatchFlows(new WatchFlowsRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var messages = await NextCompleteBatchAsync(second.ResponseStream);

        Assert.True(messages.Count >= 3, $"{messages.Count} messages");
        Assert.True(messages[0].Reset);
        Assert.All(messages.Skip(1), message => Assert.False(message.Reset));
        Assert.All(messages.SkipLast(1), message => Assert.False(message.Complete));
        Assert.All(messages, message => Assert.InRange(message.Upserts.Count, 1, 250));
        var sent = messages.SelectMany(message => message.Upserts).ToList();
        Assert.Equal(sent.Count, sent.Select(flow => flow.Id).Distinct().Count());
        Assert.Superset(ports, sent.Select(flow => (int)flow.Original.Source.Port).ToHashSet());
        Assert.NotNull(messages[^1].Aggregates);
    }

    private static async Task<List<FlowBatch>> NextCompleteBatchAsync(IAsyncStreamReader<FlowBatch> stream)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var messages = new List<FlowBatch>();
        while (await stream.MoveNext(deadline.Token))
        {
            messages.Add(stream.Current);
            if (stream.Current.Complete)
            {
                return messages;
            }
        }
        throw new InvalidOperationException("the flow stream ended");
    }

    /// <summary>
    /// A flow testbed, the engine's gRPC server on a Unix socket over its router, and a client of it;
    /// disposed, all of it goes, its temporary directory included.
    /// </summary>
    private sealed class EngineOverSocket : IAsyncDisposable
    {
        private readonly string _work;
        private readonly List<IDisposable> _parts = [];
        private WebApplication? _app;

        private EngineOverSocket(FlowTestbed testbed, string work)
        {
            Testbed = testbed;
            _work = work;
        }

        public FlowTestbed Testbed { get; }

        public Contracts.Engine.Engine.EngineClient Client { get; private set; } = null!;

        public static async Task<EngineOverSocket> StartAsync()
        {
            var server = new EngineOverSocket(new FlowTestbed(), Directory.CreateTempSubdirectory("routeros-flow-stream-").FullName);
            try
            {
                await server.StartServerAsync();
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync(CancellationToken.None);
                await _app.DisposeAsync();
            }
            // The channel, monitor, engine and kernel, in the reverse of their making.
            foreach (var part in Enumerable.Reverse(_parts))
            {
                part.Dispose();
            }
            Testbed.Dispose();
            Directory.Delete(_work, recursive: true);
        }

        private async Task StartServerAsync()
        {
            var socket = Path.Combine(_work, "engine.sock");
            var kernel = Keep(new RouterKernel(Testbed.Router.Name));
            var engine = Keep(new RouterEngine(kernel, new EngineStateStore(Path.Combine(_work, "state")), TimeProvider.System, NullLogger<RouterEngine>.Instance));
            var monitor = Keep(new FlowMonitor(Testbed.Router.Name, new FlowMonitorOptions(TimeSpan.FromMilliseconds(200)), TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null));
            monitor.Start();
            var builder = EngineServer.CreateBuilder(socket);
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(engine);
            builder.Services.AddSingleton(monitor);
            _app = EngineServer.Build(builder);
            await _app.StartAsync(TestContext.Current.CancellationToken);
            var channel = Keep(GrpcChannel.ForAddress("http://engine", new GrpcChannelOptions
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
            }));
            Client = new Contracts.Engine.Engine.EngineClient(channel);
        }

        private T Keep<T>(T part)
            where T : IDisposable
        {
            _parts.Add(part);
            return part;
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
