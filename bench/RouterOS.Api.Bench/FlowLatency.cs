using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Api.Contracts;
using RouterOS.Bench;
using RouterOS.Engine.Control;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Hosting;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.State;
using RouterOS.Netlink.Netfilter;

namespace RouterOS.Api.Bench;

/// <summary>
/// From a conntrack event to a browser: the real engine (flow monitor in a scratch namespace,
/// gRPC on a Unix socket), the real API (flow cache, hub) and a SignalR client subscribed to the
/// newest flows, while entries are created at a steady rate. Each latency is from the moment the
/// kernel acknowledged an entry to the moment the client received it.
/// </summary>
internal static class FlowLatency
{
    public static async Task<string> RunAsync(string work, int flowsPerSecond, TimeSpan duration)
    {
        using var scratch = new ScratchNamespace([]);
        var socket = Path.Combine(work, "flow-engine.sock");
        using var kernel = new RouterKernel(scratch.Name);
        using var engine = new RouterEngine(kernel, new EngineStateStore(Path.Combine(work, "flow-engine-state")), TimeProvider.System, NullLogger<RouterEngine>.Instance);
        using var monitor = new FlowMonitor(scratch.Name, FlowMonitorOptions.Default, TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        var engineBuilder = EngineServer.CreateBuilder(socket);
        engineBuilder.Logging.ClearProviders();
        engineBuilder.Services.AddSingleton(engine);
        engineBuilder.Services.AddSingleton(monitor);
        await using var engineHost = EngineServer.Build(engineBuilder);
        await engineHost.StartAsync();

        const string url = "http://127.0.0.1:18081";
        var (api, token) = await ApiHost.StartAsync(url, socket, Path.Combine(work, "flow-api"));
        await using var apiScope = api;

        var total = (int)(flowsPerSecond * duration.TotalSeconds);
        var inserted = new long[total];
        var latencies = new List<double>(total);
        var seen = new bool[total];
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(url), LiveHubs.FlowsPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        hub.On<FlowPageDelta>(LiveHubs.FlowUpdate, delta =>
        {
            var now = Stopwatch.GetTimestamp();
            lock (latencies)
            {
                foreach (var flow in delta.Upserts)
                {
                    var index = ConntrackInserter.IndexOf(FlowAddress.Parse(flow.Original.Source));
                    if (index < total && !seen[index] && Volatile.Read(ref inserted[index]) != 0)
                    {
                        seen[index] = true;
                        latencies.Add(Stopwatch.GetElapsedTime(inserted[index], now).TotalMilliseconds);
                    }
                }
            }
        });
        await hub.StartAsync();
        // The newest flows first: each new one lands on the page.
        await hub.InvokeAsync(LiveHubs.FlowSubscribe, new FlowSubscribeRequest(Filter: "proto:udp", Sort: "age", Order: "asc", Limit: 500));

        using var inserter = new ConntrackInserter(scratch.Name);
        const int perTick = 10;
        var tick = TimeSpan.FromSeconds(perTick / (double)flowsPerSecond);
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < total; first += perTick)
        {
            var due = tick * (first / perTick);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }
            inserter.InsertUdp(first, perTick, timeoutSeconds: 120);
            var done = Stopwatch.GetTimestamp();
            for (var i = first; i < first + perTick; i++)
            {
                Volatile.Write(ref inserted[i], done);
            }
        }
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            lock (latencies)
            {
                if (latencies.Count == total)
                {
                    break;
                }
            }
            await Task.Delay(50);
        }
        await hub.StopAsync();
        await api.StopAsync();
        await engineHost.StopAsync();
        double[] sorted;
        lock (latencies)
        {
            sorted = [.. latencies.Order()];
        }
        return Report(flowsPerSecond, duration, total, sorted);
    }

    private static string Report(int flowsPerSecond, TimeSpan duration, int total, double[] sorted)
    {
        double At(double quantile) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
        var text = new StringBuilder();
        text.AppendLine("## Flow latency: conntrack event to browser (issue 5)");
        text.AppendLine();
        text.AppendLine(Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores, .NET {Environment.Version}; engine, API and client in one process (they share the cores)."));
        text.AppendLine(Invariant($"- {flowsPerSecond:N0} new conntrack entries per second for {duration.TotalSeconds:F0} s in a scratch namespace; the engine's NEW events -> gRPC flow stream -> the API's cache -> the /hubs/flows hub (WebSockets) -> a client subscribed to the newest 500 UDP flows."));
        text.AppendLine("- Goal: p99 under 250 ms.");
        text.AppendLine();
        text.AppendLine("| flows received | p50 ms | p90 ms | p99 ms | max ms | p99 / 250 ms goal |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Invariant($"| {sorted.Length:N0} of {total:N0} | {At(0.5):F1} | {At(0.9):F1} | {At(0.99):F1} | {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1} | {At(0.99) / 250:F2} |"));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
