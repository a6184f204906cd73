using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using RouterOS.Contracts.Engine;

namespace RouterOS.Engine.Hosting;

/// <summary>
/// `RouterOS.Engine system ...`: the firmware operations for an administrator at the console, without
/// the network. A client of the running engine's socket, like the API: the engine does the work.
/// </summary>
internal static class SystemConsole
{
    public const string Usage = "usage: RouterOS.Engine system status | upgrade FILE | reboot | factory-reset --yes   [--socket PATH]";

    /// <summary>gRPC's default message limit is 4 MB; the API sends the same size.</summary>
    private const int ChunkBytes = 64 * 1024;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, string socketPath, TextWriter output, TextWriter error)
    {
        var words = Words(args);
        using var channel = Channel(socketPath);
        var client = new EngineSystem.EngineSystemClient(channel);
        try
        {
            switch (words)
            {
                case ["status"]:
                    await StatusAsync(client, output);
                    return 0;
                case ["upgrade", var file]:
                    return await UpgradeAsync(client, file, output, error);
                case ["reboot"]:
                    await client.RebootAsync(new RebootRequest(), deadline: DateTime.UtcNow.AddMinutes(1));
                    await output.WriteLineAsync("rebooting");
                    return 0;
                case ["factory-reset"] when args.Contains("--yes"):
                    await client.FactoryResetAsync(new FactoryResetRequest(), deadline: DateTime.UtcNow.AddMinutes(1));
                    await output.WriteLineAsync("the data partition is emptied at the next boot; rebooting");
                    return 0;
                case ["factory-reset"]:
                    await error.WriteLineAsync("factory-reset erases the configuration, the revisions, the accounts and the keys: add --yes to do it");
                    return 2;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync(e.StatusCode == StatusCode.Unavailable ? $"the engine is not reachable on {socketPath}: {e.Status.Detail}" : e.Status.Detail);
            return 1;
        }
    }

    private static async Task StatusAsync(EngineSystem.EngineSystemClient client, TextWriter output)
    {
        var info = await client.GetSystemInfoAsync(new SystemInfoRequest(), deadline: DateTime.UtcNow.AddMinutes(1));
        await output.WriteLineAsync($"version: {info.Version}");
        if (!info.DeviceImage)
        {
            await output.WriteLineAsync(info.NotDeviceImage);
            return;
        }
        await output.WriteLineAsync($"compatible: {info.Compatible}");
        foreach (var slot in info.Slots)
        {
            var marks = string.Join(", ", new[] { slot.Booted ? "booted" : null, slot.Primary ? "next boot" : null }.OfType<string>());
            await output.WriteLineAsync($"slot {slot.Bootname} ({slot.Name}): {slot.State}, boot status {Or(slot.BootStatus)}, version {Or(slot.Version)}{(marks.Length > 0 ? $" [{marks}]" : "")}");
        }
    }

    private static async Task<int> UpgradeAsync(EngineSystem.EngineSystemClient client, string file, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"there is no file {file}");
            return 2;
        }
        UploadedBundle uploaded;
        using (var upload = client.UploadBundle(deadline: DateTime.UtcNow.AddMinutes(30)))
        {
            await using var stream = File.OpenRead(file);
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
                await upload.RequestStream.WriteAsync(new BundleChunk { Data = Google.Protobuf.ByteString.CopyFrom(buffer, 0, read) });
            await upload.RequestStream.CompleteAsync();
            uploaded = await upload;
        }
        await output.WriteLineAsync($"uploaded {uploaded.Size} bytes, SHA-256 {uploaded.Sha256}");
        using var install = client.InstallBundle(new InstallBundleRequest { Id = uploaded.Id }, deadline: DateTime.UtcNow.AddMinutes(30));
        var last = "";
        await foreach (var progress in install.ResponseStream.ReadAllAsync())
        {
            await output.WriteLineAsync($"{progress.Percent,3}% {progress.Phase}: {progress.Message}");
            last = progress.Phase;
        }
        return last == "installed" ? 0 : 1;
    }

    /// <summary>The arguments without the options and their values (--socket PATH), and without flags (--yes).</summary>
    private static string[] Words(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--socket")
                i++;
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
                words.Add(args[i]);
        }
        return [.. words];
    }

    private static string Or(string text) => text.Length > 0 ? text : "unknown";

    private static GrpcChannel Channel(string socketPath) => GrpcChannel.ForAddress("http://engine", new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        },
    });
}
