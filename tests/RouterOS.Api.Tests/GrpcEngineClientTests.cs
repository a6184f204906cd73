using System.Net.Sockets;
using Microsoft.Extensions.Options;
using RouterOS.Api.Engine;
using RouterOS.Api.Hosting;
using Proto = RouterOS.Contracts.Engine;

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

    [Fact]
    public async Task A_firewall_held_closed_comes_through_with_its_reason_and_findings()
    {
        await using var engine = await Support.FakeEngineServer.StartAsync(_directory);
        engine.Service.FailClosed = new Proto.FailClosed
        {
            Reason = "the stored configuration (revision 4) could not be restored",
            Findings = { new Proto.Finding { Severity = "error", Path = "ports[eth9]", Message = "there is no device eth9 in the kernel" } },
            BaseRuleset = true,
            Revision = 4,
            Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        };
        using var client = ClientFor(engine.SocketPath);

        var held = (await client.GetStatusAsync(TestContext.Current.CancellationToken)).FailClosed;

        Assert.NotNull(held);
        Assert.Equal((4L, true, DateTimeOffset.UnixEpoch), (held.Revision, held.BaseRuleset, held.Since));
        Assert.Contains("revision 4", held.Reason, StringComparison.Ordinal);
        var finding = Assert.Single(held.Findings);
        Assert.Equal(("ports[eth9]", Domain.Verification.Severity.Error), (finding.Path, finding.Severity));
    }

    [Fact]
    public async Task An_engine_that_refuses_to_confirm_gives_its_reason()
    {
        await using var engine = await Support.FakeEngineServer.StartAsync(_directory);
        engine.Service.ConfirmRefusal = "revision 3 is not waiting for confirmation";
        using var client = ClientFor(engine.SocketPath);

        var refused = await Assert.ThrowsAsync<EngineRefusedException>(() => client.ConfirmAsync(3, TestContext.Current.CancellationToken));

        Assert.Equal("the engine did not confirm revision 3: revision 3 is not waiting for confirmation", refused.Message);
    }
}
