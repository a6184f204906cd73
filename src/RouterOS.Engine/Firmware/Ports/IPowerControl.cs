namespace RouterOS.Engine.Firmware.Ports;

/// <summary>Restarting the device. The real one is <see cref="SystemdPower"/>.</summary>
public interface IPowerControl
{
    /// <summary>Asks the init system to reboot; returns once it has taken the request (the engine is stopped soon after).</summary>
    /// <exception cref="DeviceCommandException">The init system refused or did not answer.</exception>
    Task RebootAsync();
}
