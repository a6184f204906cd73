namespace RouterOS.Api.Hosting;

/// <summary>Settings from configuration section "RouterOS" (or RouterOS__* environment variables).</summary>
public sealed class RouterApiOptions
{
    public const string Section = "RouterOS";

    /// <summary>The store, the data protection keys and nothing else. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The engine's gRPC socket.</summary>
    public string EngineSocket { get; set; } = "/run/routeros/engine.sock";

    /// <summary>
    /// The largest request body accepted, but for a whole configuration's (<see cref="MaxConfigBodyBytes"/>).
    /// A 200-object configuration is about 60 KiB.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest whole configuration accepted (PUT /api/v1/config). One with every list at its
    /// limit (tests/Shared/LimitsConfig.cs) is about 0.8 MB as the API writes it and 1.6 MB
    /// indented, as configuration files are; long descriptions on every object add up to a
    /// megabyte more. 4 MiB takes any of them, and is what the API's call to the engine carries in
    /// one message anyway (gRPC's default), where the configuration goes next.
    /// </summary>
    public long MaxConfigBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The API never runs as root: only the engine touches the kernel. Tests, which run as root
    /// in CI, set this; nothing else should.
    /// </summary>
    public bool AllowRoot { get; set; }

    /// <summary>The longest confirm window a commit may ask for.</summary>
    public int MaxConfirmWithinSeconds { get; set; } = 3600;

    /// <summary>
    /// A configuration file committed once, when the store has no revision yet (the lab's
    /// example; a device's factory defaults). Null: start empty.
    /// </summary>
    public string? InitialConfig { get; set; }

    /// <summary>
    /// The audit log's cap in rows (a row is at most about 400 bytes: 40 MB at the default). Past it,
    /// the oldest refused-anonymous rows are deleted first; real actions go only when nothing else is left.
    /// </summary>
    public int MaxAuditRows { get; set; } = 100_000;

    /// <summary>How many refused anonymous requests of one kind (status, method, route) per minute the audit log records one by one; the rest are counted.</summary>
    public int AuditRefusalSamplesPerMinute { get; set; } = 20;

    /// <summary>
    /// HTTPS beside every plain-HTTP address the API listens on, on this port (0: none). Plain HTTP
    /// from anywhere but loopback is redirected to it.
    /// </summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>Names the router answers to besides localhost, the machine's host name and the configured system.hostname (e.g. a name in the ISP's DNS); see <see cref="HostCheck"/>.</summary>
    public string[] HostNames { get; set; } = [];

    /// <summary>Refuse requests whose Host is not one of the router's names or addresses (DNS rebinding). On unless a reverse proxy in front rewrites Host.</summary>
    public bool CheckHost { get; set; } = true;

    /// <summary>
    /// The largest upgrade bundle POST /api/v1/system/upgrade takes (streamed to the engine, never held
    /// in memory). The engine has its own cap too (--max-bundle-mb), and the smaller one wins.
    /// </summary>
    public long MaxBundleBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The largest backup POST /api/v1/system/restore reads (it is checked whole, in memory, before anything changes).</summary>
    public long MaxBackupBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How many of the newest revisions a backup carries (revisions are kept for ever; a backup stays bounded).</summary>
    public int MaxBackupRevisions { get; set; } = 500;
}
