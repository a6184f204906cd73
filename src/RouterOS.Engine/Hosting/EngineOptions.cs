namespace RouterOS.Engine.Hosting;

/// <summary>Where the engine works, from the command line (--netns, --socket, --state, --group, --reconcile-seconds, --flow-interval-ms, --data-root, --rauc-conf, --max-bundle-mb).</summary>
/// <param name="Namespace">The router's network namespace under /run/netns; null manages the engine's own namespace (a device).</param>
/// <param name="SocketGroup">The group that may connect to the socket (the API's user's group).</param>
/// <param name="FlowInterval">How often the flow monitor reads the whole conntrack table.</param>
public sealed record EngineOptions(string? Namespace, string SocketPath, string StateDirectory, string SocketGroup, TimeSpan ReconcileInterval, TimeSpan FlowInterval)
{
    /// <summary>The device image's writable data partition (/data), where a factory reset is flagged and bundles wait; null off a device image.</summary>
    public string? DataRoot { get; init; }

    /// <summary>RAUC's system configuration: its presence is what makes this a device image.</summary>
    public string RaucSystemConf { get; init; } = Firmware.DeviceImage.DefaultSystemConf;

    /// <summary>
    /// The largest upgrade bundle taken. The image's goal is a compressed image under 100 MB, and a
    /// bundle is its root file system plus under 1 MB; the data partition must hold it while it installs.
    /// </summary>
    public long MaxBundleBytes { get; init; } = 256L * 1024 * 1024;

    public static EngineOptions Parse(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name)
                {
                    return args[i + 1];
                }
            }
            return null;
        }
        var seconds = Value("--reconcile-seconds") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 60;
        var flowMilliseconds = Value("--flow-interval-ms") is { } flowText ? int.Parse(flowText, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var defaults = new EngineOptions(null, "", "", "", TimeSpan.Zero, TimeSpan.Zero);
        return new EngineOptions(
            Value("--netns"),
            Value("--socket") ?? DefaultSocket,
            Value("--state") ?? "/var/lib/routeros-engine",
            Value("--group") ?? "routeros",
            TimeSpan.FromSeconds(seconds),
            TimeSpan.FromMilliseconds(flowMilliseconds))
        {
            DataRoot = Value("--data-root"),
            RaucSystemConf = Value("--rauc-conf") ?? defaults.RaucSystemConf,
            MaxBundleBytes = Value("--max-bundle-mb") is { } megabytes ? long.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024 : defaults.MaxBundleBytes,
        };
    }

    public const string DefaultSocket = "/run/routeros/engine.sock";
}
