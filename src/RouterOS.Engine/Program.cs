using System.Text.Json;
using RouterOS.Engine.Control;
using RouterOS.Engine.Firmware;
using RouterOS.Engine.Flows;
using RouterOS.Engine.Hosting;
using RouterOS.Engine.Kernel;
using RouterOS.Engine.Probe;
using RouterOS.Engine.State;

// The privileged engine. `RouterOS.Engine probe --netns NAME` prints the kernel's capabilities
// as JSON and exits; `RouterOS.Engine system ...` asks the running engine for the firmware's
// status, an upgrade, a reboot or a factory reset (the console's way, without the network);
// otherwise it serves the gRPC contract on its Unix socket. A word it does not know stops it
// before it touches any namespace (EngineCommandLine).
EngineCommandLine commandLine;
try
{
    commandLine = EngineCommandLine.Parse(args);
}
catch (EngineUsageException refused)
{
    Console.Error.WriteLine($"RouterOS.Engine: {refused.Message}");
    Console.Error.WriteLine(EngineCommandLine.Usage);
    return 2;
}
var options = commandLine.Options;
if (commandLine.Command == EngineCommand.Help)
{
    Console.WriteLine(EngineCommandLine.Usage);
    return 0;
}
if (commandLine.Command == EngineCommand.System)
{
    // A client of the socket: whoever may open it (root, the routeros group) may use these.
    return await SystemConsole.RunAsync(commandLine.Rest, options.SocketPath, Console.Out, Console.Error);
}
if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("ROUTEROS_ENGINE_ALLOW_NON_ROOT") != "1")
{
    Console.Error.WriteLine("RouterOS.Engine needs root (CAP_NET_ADMIN) to change the kernel's network state.");
    return 1;
}
if (commandLine.Command == EngineCommand.Probe)
{
    using var probeKernel = new RouterKernel(options.Namespace);
    var capabilities = probeKernel.Run(RouterOS.Engine.Probe.CapabilityProbe.Run);
    Console.WriteLine(JsonSerializer.Serialize(ProbeReport.Of(capabilities), ProbeJson.Default.ProbeReport));
    return 0;
}

UnixSocketPermissions.PrepareDirectory(options.SocketPath, options.SocketGroup);
var builder = EngineServer.CreateBuilder(options.SocketPath);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<RouterOS.Engine.Kernel.Ports.IRouterKernel>(_ => new RouterKernel(options.Namespace));
builder.Services.AddSingleton(_ => new EngineStateStore(options.StateDirectory));
builder.Services.AddSingleton<RouterEngine>();
builder.Services.AddSingleton(services => new FlowMonitor(options.Namespace, FlowMonitorOptions.Default with { DumpInterval = options.FlowInterval },
    services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<FlowMonitor>>(),
    () => services.GetRequiredService<RouterEngine>().Applied?.Config, () => services.GetRequiredService<RouterEngine>().Capabilities));
builder.Services.AddSingleton(services => new RouterOS.Engine.Flows.Stale.StaleFlowWatch(options.Namespace,
    services.GetRequiredService<ILogger<RouterOS.Engine.Flows.Stale.StaleFlowWatch>>()));
builder.Services.AddSingleton(services => new RouterOS.Engine.Links.LinkWatch(options.Namespace,
    services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<RouterOS.Engine.Links.LinkWatch>>()));
builder.Services.AddSingleton(services => new RouterOS.Engine.Services.LeaseWatch(services.GetRequiredService<RouterEngine>().Lan.LeaseFile,
    services.GetRequiredService<ILogger<RouterOS.Engine.Services.LeaseWatch>>()));
builder.Services.AddFirmware(options);
builder.Services.AddHostedService<EngineLifetimeService>();

var app = EngineServer.Build(builder);
await app.Services.GetRequiredService<RouterEngine>().StartAsync();
app.Services.GetRequiredService<FlowMonitor>().Start();
app.Services.GetRequiredService<RouterOS.Engine.Flows.Stale.StaleFlowWatch>().Start();
app.Services.GetRequiredService<RouterOS.Engine.Links.LinkWatch>().Start();
app.Services.GetRequiredService<RouterOS.Engine.Services.LeaseWatch>().Start();
await app.StartAsync();
UnixSocketPermissions.Restrict(options.SocketPath, options.SocketGroup);
Console.WriteLine($"RouterOS engine: managing {(options.Namespace is null ? "this namespace" : $"namespace {options.Namespace}")}, listening on {options.SocketPath}");
await app.WaitForShutdownAsync();
// Disposing the services stops what the engine supervises (dnsmasq): nothing outlives the engine.
await app.DisposeAsync();
return 0;
