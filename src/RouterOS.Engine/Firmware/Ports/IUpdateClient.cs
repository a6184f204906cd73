namespace RouterOS.Engine.Firmware.Ports;

/// <summary>
/// The device's update client, which owns the A/B root slots and the boot loader's choice between them.
/// The real one is <see cref="RaucClient"/> (RAUC 1.8's command line); unit tests use a scripted runner under it.
/// </summary>
public interface IUpdateClient
{
    /// <summary>The slots, which one booted, which one the next boot tries first.</summary>
    /// <exception cref="DeviceCommandException">The update client could not say.</exception>
    Task<SlotsStatus> StatusAsync();

    /// <summary>Reads a bundle's manifest after verifying its signature against <paramref name="keyringPath"/>. Writes nothing.</summary>
    Task<BundleCheck> CheckAsync(string bundlePath, string keyringPath);

    /// <summary>Installs a bundle into the slot not booted and makes it the next boot's first choice.</summary>
    /// <param name="progress">Each step as the update client reports it.</param>
    Task<InstallOutcome> InstallAsync(string bundlePath, Action<InstallStep> progress);
}

/// <param name="Compatible">The device's compatible string (which bundles it takes), e.g. routeros-x86_64.</param>
/// <param name="Booted">The bootname of the booted slot (A or B); null when the update client cannot tell.</param>
/// <param name="Primary">The name of the slot the next boot tries first (e.g. rootfs.1); null when unknown.</param>
public sealed record SlotsStatus(string Compatible, string? Booted, string? Primary, IReadOnlyList<SlotInfo> Slots);

/// <param name="Name">RAUC's name for it, e.g. rootfs.0.</param>
/// <param name="State">"booted", "active" or "inactive".</param>
/// <param name="Version">The version of the bundle installed into it; null for a slot written with the image.</param>
/// <param name="BootStatus">"good" or "bad"; null when the boot loader does not say.</param>
public sealed record SlotInfo(string Name, string? Bootname, string State, string? Version, string? BootStatus);

/// <summary>What a bundle is, or why it is refused (<see cref="Refusal"/> set, in plain words).</summary>
public sealed record BundleCheck(string? Compatible, string? Version, string? Refusal)
{
    public static BundleCheck Refused(string reason) => new(null, null, reason);
}

/// <param name="Percent">0 to 100, as the update client counts.</param>
public sealed record InstallStep(int Percent, string Message);

/// <param name="Message">In plain words: what was installed, or why it failed.</param>
public sealed record InstallOutcome(bool Succeeded, string Message);

/// <summary>The update client or the init system failed to do what was asked (not a refusal of a bundle: a fault, in plain words).</summary>
public sealed class DeviceCommandException : Exception
{
    public DeviceCommandException() { }

    public DeviceCommandException(string message) : base(message) { }

    public DeviceCommandException(string message, Exception innerException) : base(message, innerException) { }
}
