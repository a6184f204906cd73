using System.Text.Json.Serialization.Metadata;
using RouterOS.Domain.Json;

namespace RouterOS.Domain.Model;

/// <summary>
/// One single-object section of the configuration (the system settings, DNS, the firewall's
/// defaults): its REST resource name, its name in configuration paths, how to read and replace it,
/// and its JSON. The API serves each section from this and the dashboard edits it through it, as
/// with <see cref="ConfigList{T}"/>.
/// </summary>
/// <param name="Route">The URL segment(s) under /api/v1, e.g. "firewall/defaults".</param>
/// <param name="PathName">The section's name in configuration paths, e.g. "firewall.defaults".</param>
public sealed record ConfigSetting<T>(
    string Route,
    string PathName,
    Func<RouterConfig, T> Get,
    Func<RouterConfig, T, RouterConfig> Set,
    JsonTypeInfo<T> Json) where T : class;

/// <summary>Every single-object section of the configuration.</summary>
public static class ConfigSettings
{
    private static readonly RouterConfigJsonContext Json = RouterConfigJson.Metadata(redactSecrets: false);

    public static readonly ConfigSetting<SystemSettings> System = new("system", "system", c => c.SystemOrDefault, (c, v) => c with { System = v }, Json.SystemSettings);
    public static readonly ConfigSetting<DnsSettings> Dns = new("dns", "dns", c => c.DnsOrDefault, (c, v) => c with { Dns = v }, Json.DnsSettings);
    public static readonly ConfigSetting<FirewallDefaults> FirewallDefaults = new("firewall/defaults", "firewall.defaults",
        c => c.FirewallOrDefault.DefaultsOrDefault, (c, v) => c with { Firewall = c.FirewallOrDefault with { Defaults = v } }, Json.FirewallDefaults);
}
