using RouterOS.Engine.Firmware.Ports;

namespace RouterOS.Engine.Firmware;

/// <summary>Reboots through systemd (the image's init): services are stopped in order and file systems unmounted cleanly.</summary>
public sealed class SystemdPower(ICommandRunner runner) : IPowerControl
{
    /// <summary>systemctl only queues the reboot job; it answers at once unless systemd itself is stuck.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task RebootAsync()
    {
        CommandResult result;
        try
        {
            result = await runner.RunAsync("systemctl", ["reboot"], Timeout);
        }
        catch (Exception e) when (e is CommandTimedOutException or Services.MissingProgramException)
        {
            throw new DeviceCommandException($"the reboot was not taken: {e.Message}", e);
        }
        if (result.ExitCode != 0)
            throw new DeviceCommandException($"the reboot was refused: systemctl reboot exited with {result.ExitCode}: {result.LastErrorLine}");
    }
}
