using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;
using Proto = RouterOS.Contracts.Engine;

namespace RouterOS.Api.Tests;

/// <summary>
/// The real client of the engine's system service, against a gRPC server on a Unix socket that
/// fails each call with the status a test sets: each status becomes the error the API answers with.
/// </summary>
public sealed class GrpcSystemClientTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-system-client-").FullName;
    private readonly FailingSystem _service = new();
    private WebApplication? _server;

    private string SocketPath => Path.Combine(_directory, "engine.sock");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(SocketPath, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_service);
        _server = builder.Build();
        _server.MapGrpcService<FailingSystem>();
        await _server.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static GrpcSystemClient ClientFor(string socket) => new(Options.Create(new RouterApiOptions { EngineSocket = socket }));

    [Fact]
    public async Task No_socket_means_the_engine_is_not_running()
    {
        using var client = ClientFor(Path.Combine(_directory, "missing.sock"));
        var e = await Assert.ThrowsAsync<EngineUnavailableException>(() => client.GetSystemInfoAsync(Cancel));
        Assert.Contains("not running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_keeps_the_engines_words()
    {
        _service.Status = new Status(StatusCode.FailedPrecondition, "not a device image: there is no /etc/rauc/system.conf");
        using var client = ClientFor(SocketPath);
        var e = await Assert.ThrowsAsync<EngineRefusedException>(() => client.RebootAsync(Cancel));
        Assert.Equal("not a device image: there is no /etc/rauc/system.conf", e.Message);
    }

    [Fact]
    public async Task Resource_exhausted_is_a_bundle_too_large_for_the_engine()
    {
        _service.Status = new Status(StatusCode.ResourceExhausted, "the data partition has 10 MB free");
        using var client = ClientFor(SocketPath);
        var e = await Assert.ThrowsAsync<BundleTooLargeForEngineException>(() => client.FactoryResetAsync(Cancel));
        Assert.Equal("the data partition has 10 MB free", e.Message);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, typeof(EngineUnavailableException))]
    [InlineData(StatusCode.DeadlineExceeded, typeof(EngineUnavailableException))]
    [InlineData(StatusCode.Internal, typeof(EngineFailedException))]
    public async Task Other_statuses_read_as_for_every_engine_call(StatusCode status, Type expected)
    {
        _service.Status = new Status(status, "what the engine said");
        using var client = ClientFor(SocketPath);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => client.GetSystemInfoAsync(Cancel));
        Assert.IsType(expected, e);
        Assert.Contains("what the engine said", e.Message, StringComparison.Ordinal);
    }

    private sealed class FailingSystem : Proto.EngineSystem.EngineSystemBase
    {
        public Status Status { get; set; } = new(StatusCode.Internal, "no status set");

        public override Task<Proto.SystemInfo> GetSystemInfo(Proto.SystemInfoRequest request, ServerCallContext context) => throw new RpcException(Status);

        public override Task<Proto.RebootReply> Reboot(Proto.RebootRequest request, ServerCallContext context) => throw new RpcException(Status);

        public override Task<Proto.FactoryResetReply> FactoryReset(Proto.FactoryResetRequest request, ServerCallContext context) => throw new RpcException(Status);
    }
}
