using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Hosting;
using RouterOS.Engine.Tests.Support.Fakes;

namespace RouterOS.Engine.Tests.Firmware;

/// <summary>`RouterOS.Engine system ...` against the engine's real gRPC server on a socket, the firmware under it scripted.</summary>
public sealed class SystemConsoleTests : IAsyncLifetime
{
    private readonly FirmwareBench _bench = new FirmwareBench().WithFreshDevice();
    private WebApplication _server = null!;

    private string Socket => Path.Combine(_bench.Root, "engine.sock");

    public async ValueTask InitializeAsync()
    {
        var builder = EngineServer.CreateBuilder(Socket);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_bench.Manager);
        _server = EngineServer.Build(builder);
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _bench.Dispose();
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SystemConsole.RunAsync(args, Socket, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Status_shows_the_build_and_each_slot()
    {
        var (code, output, _) = await RunAsync("status");

        Assert.Equal(0, code);
        Assert.Equal($"""
            version: {FirmwareManager.BuildVersion}
            compatible: routeros-x86_64
            slot A (rootfs.0): booted, boot status good, version {FirmwareManager.BuildVersion} [booted, next boot]
            slot B (rootfs.1): inactive, boot status bad, version unknown

            """, output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Upgrade_uploads_the_file_and_prints_the_progress_to_its_outcome()
    {
        _bench.Runner.OnPrinting("rauc install", ScriptedRunner.Sample("install-succeeded.stdout"), "", 0);
        var file = Path.Combine(_bench.Root, "update.raucb");
        await File.WriteAllBytesAsync(file, new byte[200_000], TestContext.Current.CancellationToken);

        var (code, output, _) = await RunAsync("upgrade", file);

        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("uploaded 200000 bytes, SHA-256 ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" 90% installing: Copying image to rootfs.1", lines);
        Assert.StartsWith("100% installed: version 1.2.3 installed into the other slot", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_upgrade_fails_with_the_reason()
    {
        _bench.Runner.On("rauc info", new CommandResult(1, "", ScriptedRunner.Sample("info-unsigned.stderr")));
        var file = Path.Combine(_bench.Root, "update.raucb");
        await File.WriteAllBytesAsync(file, [1, 2, 3], TestContext.Current.CancellationToken);

        var (code, output, _) = await RunAsync("upgrade", file);

        Assert.Equal(1, code);
        Assert.Contains("  0% refused: nothing was written: the bundle is not signed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Factory_reset_needs_yes()
    {
        _bench.Runner.On("systemctl reboot", new CommandResult(0, "", ""));

        var (refused, _, why) = await RunAsync("factory-reset");
        Assert.Equal(2, refused);
        Assert.Contains("add --yes", why, StringComparison.Ordinal);
        Assert.Empty(_bench.Runner.Calls);

        var (code, output, _) = await RunAsync("factory-reset", "--yes");
        Assert.Equal(0, code);
        Assert.Contains("rebooting", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_bench.DataRoot, ".factory-reset")));
        Assert.Equal(["systemctl reboot"], _bench.Runner.Calls);
    }

    [Fact]
    public async Task Reboot_reaches_systemd_and_a_refusal_is_printed()
    {
        _bench.Runner.On("systemctl reboot", new CommandResult(1, "", "Access denied"));

        var (code, _, error) = await RunAsync("reboot");

        Assert.Equal(1, code);
        Assert.Equal("the reboot was refused: systemctl reboot exited with 1: Access denied", error.Trim());
    }

    [Fact]
    public async Task Without_an_engine_the_console_says_so()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SystemConsole.RunAsync(["status"], Path.Combine(_bench.Root, "missing.sock"), output, error);

        Assert.Equal(1, code);
        Assert.StartsWith($"the engine is not reachable on {Path.Combine(_bench.Root, "missing.sock")}", error.ToString(), StringComparison.Ordinal);
    }
}
