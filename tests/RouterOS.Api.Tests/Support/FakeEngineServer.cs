using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RouterOS.Contracts.Engine;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// A gRPC engine on a Unix socket, for tests that run the API as a real process: Apply records
/// the request and then hangs (the API is killed while it waits), and GetStatus reports whatever
/// running revision the test sets.
/// </summary>
public sealed class FakeEngineServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeEngineServer(WebApplication app, string socketPath, EngineService service) =>
        (_app, SocketPath, Service) = (app, socketPath, service);

    public string SocketPath { get; }

    public EngineService Service { get; }

    public static async Task<FakeEngineServer> StartAsync(string directory)
    {
        var socketPath = Path.Combine(directory, "engine.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath, o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        var service = new EngineService();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<EngineService>();
        await app.StartAsync();
        return new FakeEngineServer(app, socketPath, service);
    }

    public async ValueTask DisposeAsync()
    {
        Service.ReleaseApplies();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class EngineService : RouterOS.Contracts.Engine.Engine.EngineBase
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<ApplyRequest> ApplyReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What GetStatus reports as running.</summary>
        public ulong RunningRevision { get; set; }

        /// <summary>When false, Apply answers at once instead of hanging.</summary>
        public bool HangOnApply { get; set; } = true;

        public void ReleaseApplies() => _released.TrySetResult();

        /// <summary>When set, Confirm answers that it did not confirm, for this reason.</summary>
        public string? ConfirmRefusal { get; set; }

        public override Task<ConfirmReply> Confirm(ConfirmRequest request, ServerCallContext context) =>
            Task.FromResult(ConfirmRefusal is { } reason ? new ConfirmReply { Confirmed = false, Error = reason } : new ConfirmReply { Confirmed = true });

        public override async Task<ApplyReply> Apply(ApplyRequest request, ServerCallContext context)
        {
            ApplyReceived.TrySetResult(request);
            if (HangOnApply)
                await _released.Task;
            RunningRevision = request.Revision;
            return new ApplyReply { Applied = true };
        }

        /// <summary>What GetStatus reports when the firewall is held closed.</summary>
        public FailClosed? FailClosed { get; set; }

        public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context) =>
            Task.FromResult(new StatusReply { EngineVersion = "fake", RunningRevision = RunningRevision, ConfirmedRevision = RunningRevision, Capabilities = new Capabilities(), FailClosed = FailClosed });
    }
}
