extern alias engine;
using engine::RouterOS.Engine.Control;
using engine::RouterOS.Engine.Flows;
using engine::RouterOS.Engine.Hosting;
using engine::RouterOS.Engine.Kernel;
using engine::RouterOS.Engine.Links;
using engine::RouterOS.Engine.Services;
using engine::RouterOS.Engine.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// The real engine (root only) managing a test namespace, served over gRPC on a Unix socket in a
/// scratch directory, as the lab runs it: kernel, reconciler, flow monitor, link and lease watches and the engine server.
/// </summary>
public sealed class InProcessEngine : IAsyncDisposable
{
    private readonly string _work;
    private readonly RouterKernel _kernel;
    private readonly RouterEngine _engine;
    private readonly FlowMonitor _monitor;
    private readonly LinkWatch _links;
    private readonly LeaseWatch _leases;
    private readonly WebApplication _host;

    private InProcessEngine(string work, RouterKernel kernel, RouterEngine engine, FlowMonitor monitor, LinkWatch links, LeaseWatch leases, WebApplication host) =>
        (_work, _kernel, _engine, _monitor, _links, _leases, _host) = (work, kernel, engine, monitor, links, leases, host);

    public string Socket => Path.Combine(_work, "engine.sock");

    public static async Task<InProcessEngine> StartAsync(string namespaceName, TimeSpan flowInterval)
    {
        var work = Directory.CreateTempSubdirectory("routeros-in-process-engine-").FullName;
        var kernel = new RouterKernel(namespaceName);
        var engine = new RouterEngine(kernel, new EngineStateStore(Path.Combine(work, "state")), TimeProvider.System, NullLogger<RouterEngine>.Instance);
        // As the engine's Program does: probe the kernel's capabilities, turn forwarding on.
        await engine.StartAsync();
        var monitor = new FlowMonitor(namespaceName, new FlowMonitorOptions(flowInterval), TimeProvider.System, NullLogger<FlowMonitor>.Instance, () => null);
        monitor.Start();
        var links = new LinkWatch(namespaceName, TimeProvider.System, NullLogger<LinkWatch>.Instance);
        links.Start();
        var leases = new LeaseWatch(engine.Lan.LeaseFile, NullLogger<LeaseWatch>.Instance);
        leases.Start();
        var builder = EngineServer.CreateBuilder(Path.Combine(work, "engine.sock"));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton(monitor);
        builder.Services.AddSingleton(links);
        builder.Services.AddSingleton(leases);
        var host = EngineServer.Build(builder);
        await host.StartAsync();
        return new InProcessEngine(work, kernel, engine, monitor, links, leases, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        _monitor.Dispose();
        _links.Dispose();
        _leases.Dispose();
        _engine.Dispose();
        _kernel.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
