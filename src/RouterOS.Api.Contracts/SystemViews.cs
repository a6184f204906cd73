namespace RouterOS.Api.Contracts;

/// <summary>The router's firmware: the versions that run and, on a device image, its two root slots.</summary>
/// <param name="Version">The firmware's version on a device image (the one its upgrade bundles name); elsewhere this API's build.</param>
/// <param name="EngineVersion">The engine's version: on a device image the image's, as <paramref name="Version"/>; elsewhere the engine's build.</param>
/// <param name="DeviceImage">False on a lab or development machine, which has no slots and takes no upgrade.</param>
/// <param name="NotDeviceImage">Why it is not a device image, in plain words.</param>
/// <param name="Compatible">Which bundles the device takes, e.g. routeros-x86_64.</param>
/// <param name="Booted">The slot (A or B) the running system came from.</param>
/// <param name="NextBoot">The slot (A or B) the next boot tries first.</param>
/// <param name="MaxBundleBytes">The largest upgrade bundle taken.</param>
public sealed record SystemView(string Version, string EngineVersion, bool DeviceImage, string? NotDeviceImage, string? Compatible, string? Booted, string? NextBoot,
    IReadOnlyList<SlotView> Slots, long MaxBundleBytes);

/// <param name="Name">The update client's name for it, e.g. rootfs.0.</param>
/// <param name="Bootname">A or B.</param>
/// <param name="State">"booted", "active" or "inactive".</param>
/// <param name="Version">What it holds; null when unknown (written with the image, before any upgrade).</param>
/// <param name="BootStatus">"good" or "bad" (a slot that failed to boot or to come up healthy); null when unknown.</param>
public sealed record SlotView(string Name, string Bootname, string State, string? Version, string? BootStatus, bool Booted, bool NextBoot);

/// <summary>One line of an upgrade's progress (application/x-ndjson); the last line is the outcome.</summary>
/// <param name="Phase">"uploaded", "checking", "installing", then the outcome: "installed" (reboot to start it), "refused" (nothing written) or "failed".</param>
/// <param name="Percent">0 to 100, as the update client counts.</param>
public sealed record UpgradeProgress(string Phase, int Percent, string Message);

/// <summary>A reboot or factory reset happens only when <paramref name="Confirm"/> names it ("reboot", "factory-reset"): a stray POST does nothing.</summary>
public sealed record SystemActionRequest(string? Confirm = null);

/// <summary>What a reboot, factory reset or restore did.</summary>
public sealed record SystemActionResult(string Message, long? Revision = null, int? ArchivedRevisions = null);
