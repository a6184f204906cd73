using Microsoft.AspNetCore.Server.Kestrel.Core;
using RouterOS.Engine.Grpc;

namespace RouterOS.Engine.Hosting;

/// <summary>The engine's gRPC server on a Unix socket (HTTP/2 only), for the daemon, its tests and benchmarks.</summary>
public static class EngineServer
{
    /// <summary>A host listening on <paramref name="socketPath"/>; register a <see cref="Control.RouterEngine"/> and a <see cref="Flows.FlowMonitor"/>, then <see cref="Build"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(string socketPath, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        // The engine's own events matter; one line per gRPC request from the API does not.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapGrpcService<EngineGrpcService>();
        // Resolved per call: a host without the firmware services (tests, benchmarks) serves the rest.
        app.MapGrpcService<SystemGrpcService>();
        return app;
    }
}
