using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using RouterOS.Contracts.Engine;
using ContractEngine = RouterOS.Contracts.Engine.Engine;

namespace RouterOS.KernelScenarios;

/// <summary>
/// The published engine, one process per boot, managing the lab's router namespace; scenarios
/// reach it only through its gRPC socket, as the API does. Its flow stream is read all along
/// into a live table.
/// </summary>
internal sealed class Engine : IAsyncDisposable
{
    private const string Socket = "/run/routeros-vm/engine.sock";
    private readonly Process _process;
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<ulong, Flow> _flows = [];
    private readonly List<string> _log = [];
    private Task? _watch;
    private ulong _revision;

    private Engine(Process process, GrpcChannel channel)
    {
        _process = process;
        _channel = channel;
        Client = new ContractEngine.EngineClient(channel);
    }

    public ContractEngine.EngineClient Client { get; }

    public static async Task<Engine> StartAsync(string engineDll)
    {
        var start = new ProcessStartInfo("dotnet", [engineDll, "--netns", Lab.Router, "--socket", Socket, "--state", "/run/routeros-vm/state",
            "--group", "root", "--flow-interval-ms", "500", "--reconcile-seconds", "3600"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var channel = GrpcChannel.ForAddress("http://engine", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancel) =>
                {
                    var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            },
        });
        var engine = new Engine(process, channel);
        process.OutputDataReceived += (_, line) => engine.Log(line.Data);
        process.ErrorDataReceived += (_, line) => engine.Log(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // .NET starts slowly under emulation, slower still when the host is busy (a CI run once
        // missed 180 s while other work shared the two cores): wait for the socket generously.
        await Poll.UntilAsync(() => File.Exists(Socket) || process.HasExited, "the engine's socket", engine.LogTail, seconds: 300);
        if (process.HasExited)
        {
            throw new ScenarioFailure($"the engine exited ({process.ExitCode}): {engine.LogTail()}");
        }
        engine._watch = Task.Run(engine.WatchAsync);
        return engine;
    }

    /// <summary>Applies a configuration as the next revision (confirmed at once unless a window is given).</summary>
    public async Task<ApplyReply> ApplyAsync(string configJson, uint confirmWithinSeconds = 0) =>
        // A deadline, so an apply that never returns fails the scenario with the engine's log instead of hanging the tier.
        await Client.ApplyAsync(new ApplyRequest { ConfigJson = configJson, Revision = ++_revision, ConfirmWithinSeconds = confirmWithinSeconds },
            deadline: DateTime.UtcNow.AddMinutes(2));

    /// <summary>Applies and requires success.</summary>
    public async Task ApplyOrFailAsync(string configJson)
    {
        var reply = await ApplyAsync(configJson);
        if (!reply.Applied)
        {
            throw new ScenarioFailure($"expected the configuration to apply; the engine said: {reply.ErrorPath}: {reply.Error}");
        }
    }

    public ulong LastRevision => _revision;

    /// <summary>The first flow the engine reports that satisfies <paramref name="wanted"/>, copied.</summary>
    public Flow? FindFlow(Func<Flow, bool> wanted)
    {
        lock (_flows)
        {
            return _flows.Values.FirstOrDefault(wanted)?.Clone();
        }
    }

    public string FlowsText()
    {
        lock (_flows)
        {
            return string.Join('\n', _flows.Values.Select(flow =>
                $"{flow.ProtocolName} {flow.Original.Source.Address}:{flow.Original.Source.Port} -> {flow.Original.Destination.Address}:{flow.Original.Destination.Port} offload={flow.Offload} counters={flow.Counters} bytes={flow.Original.Bytes}+{flow.Reply.Bytes}"));
        }
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join('\n', _log.TakeLast(40));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _channel.Dispose();
        _stop.Dispose();
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Add(line);
        }
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var call = Client.WatchFlows(new WatchFlowsRequest(), cancellationToken: _stop.Token);
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    var batch = call.ResponseStream.Current;
                    lock (_flows)
                    {
                        if (batch.Reset)
                        {
                            _flows.Clear();
                        }
                        foreach (var id in batch.Removed)
                        {
                            _flows.Remove(id);
                        }
                        foreach (var flow in batch.Upserts)
                        {
                            _flows[flow.Id] = flow;
                        }
                    }
                }
            }
            catch (RpcException) when (!_stop.IsCancellationRequested)
            {
                await Task.Delay(500);
            }
            catch (Exception exception) when (exception is OperationCanceledException or RpcException)
            {
                return;
            }
        }
    }
}
