using System.Runtime.CompilerServices;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// A test double of the engine's firmware service: a device image booted from slot A, recording what it
/// is asked. An install that ends "installed" leaves slot B holding the new version and next to boot, as
/// RAUC marks the slot it wrote.
/// </summary>
public sealed class FakeEngineSystem : IEngineSystemClient
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>When set, the engine is not on a device image, for this reason.</summary>
    public string? NotDeviceImage { get; set; }

    public bool Down { get; set; }

    /// <summary>Every upload's bytes, as the engine received them.</summary>
    public List<byte[]> Uploads { get; } = [];

    public List<string> Installed { get; } = [];

    public int Reboots { get; private set; }

    public int FactoryResets { get; private set; }

    /// <summary>What InstallBundleAsync answers, in order.</summary>
    public List<UpgradeProgress> InstallScript { get; set; } =
    [
        new("checking", 0, "checking the bundle's signature and that it is made for this device"),
        new("installing", 0, "installing version 1.1.0 into the other slot"),
        new("installing", 90, "Copying image to rootfs.1"),
        new("installed", 100, "version 1.1.0 installed into the other slot: the next boot tries it; reboot to start it"),
    ];

    /// <summary>The version an "installed" outcome leaves in slot B (the one the default script names).</summary>
    public string InstalledVersion { get; set; } = "1.1.0";

    /// <summary>When set, an install waits for it before its outcome: a test sees what the install shows while under way.</summary>
    public TaskCompletionSource? HoldOutcome { get; set; }

    /// <summary>The slot that is not running: empty and marked bad until an install writes it.</summary>
    private SlotView _other = new("rootfs.1", "B", "inactive", null, "bad", false, false);

    public Task<EngineSystemInfo> GetSystemInfoAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(NotDeviceImage is { } reason
            ? new EngineSystemInfo("1.0.0", reason, null, null, null, [], MaxBytes)
            : new EngineSystemInfo("1.0.0", null, "routeros-x86_64", "A", _other.NextBoot ? "B" : "A",
                [new SlotView("rootfs.0", "A", "booted", "1.0.0", "good", true, !_other.NextBoot), _other], MaxBytes));
    }

    public async Task<string> UploadBundleAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        ThrowIfRefused();
        using var received = new MemoryStream();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            received.Write(chunk.Span);
            if (received.Length > MaxBytes)
                throw new BundleTooLargeForEngineException($"the bundle is larger than the {MaxBytes} bytes this router takes; nothing was kept");
        }
        Uploads.Add(received.ToArray());
        return $"upload-{Uploads.Count}";
    }

    public async IAsyncEnumerable<UpgradeProgress> InstallBundleAsync(string uploadId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfRefused();
        Installed.Add(uploadId);
        foreach (var step in InstallScript)
        {
            await Task.Yield();
            if (step.Phase is ("installed" or "refused" or "failed") && HoldOutcome is { } hold)
                await hold.Task.WaitAsync(cancellationToken);
            // Marked before the outcome is sent: whoever reads the slots after it sees what was written.
            if (step.Phase == "installed")
                _other = _other with { Version = InstalledVersion, BootStatus = "good", NextBoot = true };
            yield return step;
        }
    }

    public Task RebootAsync(CancellationToken cancellationToken)
    {
        ThrowIfRefused();
        Reboots++;
        return Task.CompletedTask;
    }

    public Task FactoryResetAsync(CancellationToken cancellationToken)
    {
        ThrowIfRefused();
        FactoryResets++;
        return Task.CompletedTask;
    }

    private void ThrowIfDown()
    {
        if (Down)
            throw new EngineUnavailableException("the engine is not running: there is no socket at /test/engine.sock");
    }

    private void ThrowIfRefused()
    {
        ThrowIfDown();
        if (NotDeviceImage is { } reason)
            throw new EngineRefusedException(reason);
    }
}
