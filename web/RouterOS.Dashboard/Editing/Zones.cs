using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Editing;

/// <summary>Which zone a new firewall rule starts with.</summary>
public static class Zones
{
    /// <summary>
    /// The uplink's zone, where port forwards come from and source NAT leaves through: the one
    /// that masquerades (or is called wan), else the first zone; null when there is none.
    /// </summary>
    public static string? Uplink(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var zones = config.FirewallOrDefault.Zones;
        var uplink = zones.FirstOrDefault(z => z.Masquerade) ?? zones.FirstOrDefault(z => z.Name.Value == "wan") ?? (zones.Count > 0 ? zones[0] : null);
        return uplink?.Name.Value;
    }
}
