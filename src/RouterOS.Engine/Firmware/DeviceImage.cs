using RouterOS.Engine.Services;

namespace RouterOS.Engine.Firmware;

/// <summary>
/// Whether the engine runs on the device image, and where that image keeps things: RAUC's system
/// configuration (the slots, the keyring bundles must be signed with) and the writable data partition.
/// On a lab or development machine none of it is there, and the firmware calls say so instead of
/// rebooting a developer's computer.
/// </summary>
/// <param name="systemConfPath">RAUC's system.conf (the image's: /etc/rauc/system.conf).</param>
/// <param name="dataRoot">The data partition's mount point (the image's: /data); null when the engine was given none.</param>
/// <param name="releaseFile">The image's release file (firmware/image/rootfs.sh writes ROUTEROS_VERSION=... there).</param>
public sealed class DeviceImage(string systemConfPath, string? dataRoot, HelperPrograms programs, string releaseFile = DeviceImage.DefaultReleaseFile)
{
    public const string DefaultSystemConf = "/etc/rauc/system.conf";

    public const string DefaultReleaseFile = "/etc/routeros-release";

    /// <summary>
    /// The flag file at the data partition's root that asks for a factory reset. The image's
    /// initramfs looks for it before it mounts the partition for the system, and when it is there
    /// empties the partition (configuration, database, keys, logs): the next start is a first boot.
    /// The name is shared with firmware/ (the initramfs): change both together.
    /// </summary>
    public const string FactoryResetFlagName = ".factory-reset";

    /// <summary>Where uploaded bundles wait for their install: on the data partition (the root slots are read-only and the bundle is too big for RAM).</summary>
    private const string UploadDirectoryName = ".upgrade";

    public string SystemConfPath { get; } = systemConfPath;

    public string? DataRoot { get; } = dataRoot;

    /// <summary>Null on a device image; otherwise "not a device image: why", in plain words.</summary>
    public string? NotDeviceImageReason()
    {
        if (DataRoot is null)
            return "not a device image: the engine was given no data partition (--data-root)";
        if (!Directory.Exists(DataRoot))
            return $"not a device image: the data partition {DataRoot} does not exist";
        if (!File.Exists(SystemConfPath))
            return $"not a device image: there is no RAUC system configuration at {SystemConfPath}";
        if (!programs.Has("rauc"))
            return "not a device image: the rauc program is not installed";
        if (KeyringPath() is null)
            return $"not a device image: {SystemConfPath} names no keyring file ([keyring] path=), so no bundle could be verified";
        return null;
    }

    /// <summary>The certificate bundles must be signed with: [keyring] path= of system.conf, relative to its directory as RAUC reads it.</summary>
    public string? KeyringPath()
    {
        if (!File.Exists(SystemConfPath) || SystemConf.Value(File.ReadAllLines(SystemConfPath), "keyring", "path") is not { } path)
            return null;
        return Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(SystemConfPath))!);
    }

    /// <summary>
    /// The firmware's version as the image was built (ROUTEROS_VERSION in the release file), or
    /// null off an image. Not the assemblies' version: two image builds from one publish differ
    /// only in this file, and it is what an upgrade bundle's manifest names.
    /// </summary>
    public string? FirmwareVersion()
    {
        if (!File.Exists(releaseFile))
            return null;
        const string Key = "ROUTEROS_VERSION=";
        return File.ReadLines(releaseFile).FirstOrDefault(line => line.StartsWith(Key, StringComparison.Ordinal))?[Key.Length..].Trim('\'', '"', ' ') is { Length: > 0 } version
            ? version
            : null;
    }

    public string FactoryResetFlag => Path.Combine(DataRoot ?? throw new InvalidOperationException("no data partition"), FactoryResetFlagName);

    public string UploadDirectory => Path.Combine(DataRoot ?? throw new InvalidOperationException("no data partition"), UploadDirectoryName);
}

/// <summary>RAUC's system.conf is a GLib key file: [section] headers, key=value lines, # comments.</summary>
internal static class SystemConf
{
    public static string? Value(IEnumerable<string> lines, string section, string key)
    {
        string? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                current = line[1..^1].Trim();
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current == section && equals > 0 && line[..equals].Trim() == key)
                return line[(equals + 1)..].Trim() is { Length: > 0 } value ? value : null;
        }
        return null;
    }
}
