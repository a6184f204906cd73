using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RouterOS.Engine.Firmware.Ports;
using RouterOS.Files;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// The device's firmware operations: what runs and what the slots hold, upload and install of an
/// upgrade bundle, reboot and factory reset. One at a time: an install, an upload, a reboot or a
/// reset waits for none of the others, it is refused while one runs.
/// </summary>
public sealed partial class FirmwareManager(DeviceImage image, IUpdateClient updates, IPowerControl power, BundleUploads uploads, ILogger<FirmwareManager> log)
{
    // 1 while an operation runs (Interlocked): a second one is refused, never queued.
    private int _busy;

    /// <summary>This build's version: the informational version the build was given (RouterOSVersion in Directory.Build.props).</summary>
    public static string BuildVersion { get; } =
        typeof(FirmwareManager).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0-dev";

    public long MaxBundleBytes => uploads.MaxBytes;

    /// <summary>The firmware's version (the image's, else the build's), and on a device image the slots; off one, why not.</summary>
    public async Task<FirmwareInfo> InfoAsync()
    {
        var version = image.FirmwareVersion() ?? BuildVersion;
        if (image.NotDeviceImageReason() is { } reason)
            return new FirmwareInfo(version, reason, null);
        var status = await updates.StatusAsync();
        // A slot written with the image (not by an upgrade) has no version in RAUC's records; the booted one runs this firmware.
        var slots = status.Slots.Select(slot => slot.Version is null && slot.Bootname is not null && slot.Bootname == status.Booted ? slot with { Version = version } : slot).ToList();
        return new FirmwareInfo(version, null, status with { Slots = slots });
    }

    public async Task<StoredBundle> UploadAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, CancellationToken cancellationToken)
    {
        RequireDeviceImage();
        using var turn = Enter("upload a bundle");
        var stored = await uploads.ReceiveAsync(chunks, cancellationToken);
        LogUploaded(stored.Id, stored.Size, stored.Sha256);
        return stored;
    }

    /// <summary>
    /// Checks the upload (signature against the image's keyring, compatible with this device) and
    /// installs it. Refused: nothing was written. The install runs to its end (within RAUC's time
    /// limit) even when the reader stops reading: an install cut halfway helps nobody.
    /// </summary>
    public async IAsyncEnumerable<InstallReport> InstallAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireDeviceImage();
        var path = uploads.Find(id) ?? throw new BundleRefusedException($"there is no uploaded bundle {id}: upload it first (an upload is replaced by the next one and removed after its install)");
        var turn = Enter("install a bundle");
        var reports = Channel.CreateBounded<InstallReport>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var work = Task.Run(async () =>
        {
            try
            {
                await InstallAsync(id, path, reports.Writer);
            }
            finally
            {
                uploads.Delete(id);
                turn.Dispose();
                reports.Writer.TryComplete();
            }
        }, CancellationToken.None);
        await foreach (var report in reports.Reader.ReadAllAsync(cancellationToken))
            yield return report;
        await work;
    }

    private async Task InstallAsync(string id, string path, ChannelWriter<InstallReport> reports)
    {
        reports.TryWrite(new InstallReport(InstallPhase.Checking, 0, "checking the bundle's signature and that it is made for this device"));
        string? refusal;
        BundleCheck check;
        try
        {
            var status = await updates.StatusAsync();
            check = await updates.CheckAsync(path, image.KeyringPath()!);
            refusal = check.Refusal ?? (check.Compatible == status.Compatible ? null
                : $"the bundle is made for '{check.Compatible}' and this router is '{status.Compatible}': a bundle for another architecture or product is never installed");
        }
        catch (DeviceCommandException e)
        {
            refusal = $"the bundle could not be checked: {e.Message}";
            check = BundleCheck.Refused(refusal);
        }
        if (refusal is not null)
        {
            LogRefused(id, refusal);
            reports.TryWrite(new InstallReport(InstallPhase.Refused, 0, $"nothing was written: {refusal}"));
            return;
        }
        LogInstalling(id, check.Version);
        reports.TryWrite(new InstallReport(InstallPhase.Installing, 0, $"installing version {check.Version ?? "(none given)"} into the other slot"));
        InstallOutcome outcome;
        try
        {
            outcome = await updates.InstallAsync(path, step => reports.TryWrite(new InstallReport(InstallPhase.Installing, step.Percent, step.Message)));
        }
        catch (DeviceCommandException e)
        {
            outcome = new InstallOutcome(false, $"the install failed: {e.Message}");
        }
        LogInstalled(id, outcome.Succeeded, outcome.Message);
        reports.TryWrite(outcome.Succeeded
            ? new InstallReport(InstallPhase.Installed, 100, $"version {check.Version} {outcome.Message}; reboot to start it")
            : new InstallReport(InstallPhase.Failed, 100, outcome.Message));
    }

    public async Task RebootAsync()
    {
        RequireDeviceImage();
        using var turn = Enter("reboot");
        LogRebooting();
        await power.RebootAsync();
    }

    /// <summary>Marks the data partition to be emptied at the next boot and reboots; a reboot that is refused takes the mark away again.</summary>
    public async Task FactoryResetAsync()
    {
        RequireDeviceImage();
        using var turn = Enter("reset to factory defaults");
        var flag = image.FactoryResetFlag;
        DurableFile.Write(flag, System.Text.Encoding.UTF8.GetBytes($"factory reset asked at {DateTimeOffset.UtcNow:u}\n"));
        LogFactoryReset(flag);
        try
        {
            await power.RebootAsync();
        }
        catch (DeviceCommandException)
        {
            DurableFile.Delete(flag);
            throw;
        }
    }

    private void RequireDeviceImage()
    {
        if (image.NotDeviceImageReason() is { } reason)
            throw new NotDeviceImageException(reason);
    }

    private Turn Enter(string what) =>
        Interlocked.CompareExchange(ref _busy, 1, 0) == 0 ? new Turn(this) : throw new FirmwareBusyException($"cannot {what} now: another upload, install, reboot or reset is under way");

    private sealed class Turn(FirmwareManager owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Volatile.Write(ref owner._busy, 0);
        }
    }

    [LoggerMessage(LogLevel.Information, "Bundle {Id} uploaded: {Size} bytes, SHA-256 {Sha256}")]
    private partial void LogUploaded(string id, long size, string sha256);

    [LoggerMessage(LogLevel.Warning, "Bundle {Id} refused: {Reason}")]
    private partial void LogRefused(string id, string reason);

    [LoggerMessage(LogLevel.Information, "Installing bundle {Id}, version {Version}")]
    private partial void LogInstalling(string id, string? version);

    [LoggerMessage(LogLevel.Information, "Bundle {Id} install ended: succeeded {Succeeded}: {Message}")]
    private partial void LogInstalled(string id, bool succeeded, string message);

    [LoggerMessage(LogLevel.Warning, "Rebooting on request")]
    private partial void LogRebooting();

    [LoggerMessage(LogLevel.Warning, "Factory reset: {Flag} written, rebooting; the data partition is emptied at the next boot")]
    private partial void LogFactoryReset(string flag);
}

/// <param name="NotDeviceImage">Why this is not a device image; null when it is.</param>
/// <param name="Slots">On a device image, the slots; null off one.</param>
public sealed record FirmwareInfo(string Version, string? NotDeviceImage, SlotsStatus? Slots);

public enum InstallPhase
{
    Checking,
    Installing,
    Installed,
    Refused,
    Failed,
}

public sealed record InstallReport(InstallPhase Phase, int Percent, string Message);

/// <summary>The engine does not run on a device image, so it has no firmware to change; the message says why.</summary>
public sealed class NotDeviceImageException : Exception
{
    public NotDeviceImageException() { }

    public NotDeviceImageException(string message) : base(message) { }

    public NotDeviceImageException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Another firmware operation is under way.</summary>
public sealed class FirmwareBusyException : Exception
{
    public FirmwareBusyException() { }

    public FirmwareBusyException(string message) : base(message) { }

    public FirmwareBusyException(string message, Exception innerException) : base(message, innerException) { }
}
