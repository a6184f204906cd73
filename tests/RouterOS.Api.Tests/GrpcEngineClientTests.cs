using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;

namespace RouterOS.Api.Tests;

/// <summary>The real engine client: an engine that is not there is "unavailable", never an internal error.</summary>
public sealed class GrpcEngineClientTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("routeros-engine-client-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static GrpcEngineClient ClientFor(string socket) => new(Options.Create(new RouterApiOptions { EngineSocket = socket }));

    [Fact]
    public async Task No_socket_means_the_engine_is_not_running()
    {
        using var client = ClientFor(Path.Combine(_directory, "missing.sock"));
        var e = await Assert.ThrowsAsync<EngineUnavailableException>(() => client.GetStatusAsync(TestContext.Current.CancellationToken));
        Assert.Contains("not running", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EngineUnavailableException>(() => client.PlanAsync(Domain.Model.RouterConfig.Empty, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_stale_socket_with_nobody_listening_means_unavailable()
    {
        var path = Path.Combine(_directory, "stale.sock");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            socket.Bind(new UnixDomainSocketEndPoint(path)); // leaves the file, closes the listener
        using var client = ClientFor(path);
        await Assert.ThrowsAsync<EngineUnavailableException>(() => client.GetStatusAsync(TestContext.Current.CancellationToken));
    }
}
