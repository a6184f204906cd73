using Microsoft.Extensions.Logging.Abstractions;
using RouterOS.Engine.Firmware;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Tests.Support;
using RouterOS.Engine.Tests.Support.Fakes;

namespace RouterOS.Engine.Tests.Firmware;

/// <summary>
/// A device image in a temporary directory: a data partition, a RAUC system.conf naming a keyring,
/// a stand-in rauc program (only looked up, never run) and the scripted runner under the real
/// RAUC client and systemd power control.
/// </summary>
internal sealed class FirmwareBench : IDisposable
{
    private readonly ProgramDirectory _programs = new("rauc");

    public FirmwareBench(bool withDataRoot = true, bool withSystemConf = true, long maxBundleBytes = 1024 * 1024)
    {
        Root = Directory.CreateTempSubdirectory("routeros-firmware-").FullName;
        DataRoot = Path.Combine(Root, "data");
        Directory.CreateDirectory(DataRoot);
        SystemConf = Path.Combine(Root, "etc", "rauc", "system.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(SystemConf)!);
        if (withSystemConf)
        {
            File.WriteAllText(SystemConf, """
                [system]
                compatible=routeros-x86_64
                bootloader=grub

                [keyring]
                path=keyring.pem

                [slot.rootfs.0]
                device=/dev/disk/by-partlabel/rootA
                type=raw
                bootname=A
                """);
        }
        Image = new DeviceImage(SystemConf, withDataRoot ? DataRoot : null, _programs.Programs, ReleaseFile);
        Uploads = new BundleUploads(() => Image.UploadDirectory, maxBundleBytes);
        Manager = new FirmwareManager(Image, new RaucClient(Runner), new SystemdPower(Runner), Uploads, NullLogger<FirmwareManager>.Instance);
    }

    public string Root { get; }

    public string DataRoot { get; }

    public string SystemConf { get; }

    /// <summary>The image's release file: absent unless a test writes it.</summary>
    public string ReleaseFile => Path.Combine(Root, "etc", "routeros-release");

    public string Keyring => Path.Combine(Root, "etc", "rauc", "keyring.pem");

    public ScriptedRunner Runner { get; } = new();

    public DeviceImage Image { get; }

    public BundleUploads Uploads { get; }

    public FirmwareManager Manager { get; }

    public string UploadDirectory => Path.Combine(DataRoot, ".upgrade");

    /// <summary>rauc status as on a fresh device (A booted), rauc info as for a good x86-64 bundle.</summary>
    public FirmwareBench WithFreshDevice()
    {
        Runner.On("rauc status", new CommandResult(0, ScriptedRunner.Sample("status-fresh.json"), ""));
        Runner.On("rauc info", new CommandResult(0, ScriptedRunner.Sample("info-good.stdout"), ScriptedRunner.Sample("info-good.stderr")));
        return this;
    }

    public async Task<StoredBundle> UploadAsync(params byte[][] chunks) => await Manager.UploadAsync(Chunks(chunks), TestContext.Current.CancellationToken);

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(byte[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            yield return chunk;
        }
    }

    public async Task<List<InstallReport>> InstallAsync(string id)
    {
        var reports = new List<InstallReport>();
        await foreach (var report in Manager.InstallAsync(id, TestContext.Current.CancellationToken))
            reports.Add(report);
        return reports;
    }

    public void Dispose()
    {
        _programs.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
