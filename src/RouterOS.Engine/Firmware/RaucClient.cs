using RouterOS.Engine.Firmware.Ports;
using RouterOS.Engine.Services;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// RAUC 1.8 through its command line. `rauc status` and `rauc install` are clients of the RAUC
/// service (rauc-service, over D-Bus), which does the work as root; `rauc info` reads the bundle
/// itself. `rauc status mark-good`/`mark-bad` belong to the image's boot units, not here.
/// </summary>
public sealed class RaucClient(ICommandRunner runner) : IUpdateClient
{
    private const string Rauc = "rauc";

    // Measured on the device under TCG (docs in the firmware reference): status and info answer in
    // well under a second, a 100 MB install takes about 11 s. The limits leave a slow disk room.
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A plain-format bundle is hashed whole by `rauc info`.</summary>
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(20);

    public async Task<SlotsStatus> StatusAsync()
    {
        var result = await RunAsync(["status", "--detailed", "--output-format=json"], StatusTimeout);
        if (result.ExitCode != 0)
            throw new DeviceCommandException($"rauc status failed: {result.LastErrorLine}");
        return RaucStatusJson.Parse(result.Output);
    }

    public async Task<BundleCheck> CheckAsync(string bundlePath, string keyringPath)
    {
        var result = await RunAsync(["info", $"--keyring={keyringPath}", "--output-format=json", bundlePath], InfoTimeout);
        return RaucBundleInfo.Read(result);
    }

    public async Task<InstallOutcome> InstallAsync(string bundlePath, Action<InstallStep> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var result = await RunAsync(["install", bundlePath], InstallTimeout, line =>
        {
            if (RaucInstallOutput.Step(line) is { } step)
                progress(step);
        });
        return result.ExitCode == 0
            ? new InstallOutcome(true, "installed into the other slot: the next boot tries it, and falls back to this one if it does not come up healthy")
            : new InstallOutcome(false, $"the install failed: {RaucInstallOutput.FailureReason(result)}; the router keeps booting the slot it runs from");
    }

    private async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? outputLine = null)
    {
        try
        {
            return await runner.RunAsync(Rauc, arguments, timeout, outputLine);
        }
        catch (Exception e) when (e is CommandTimedOutException or MissingProgramException)
        {
            throw new DeviceCommandException(e.Message, e);
        }
    }
}
