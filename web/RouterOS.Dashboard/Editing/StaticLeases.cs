using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Editing;

/// <summary>
/// A DHCP server's static leases as a list of their own, so a section and a form edit them like any
/// other list. They live inside the server (dhcp.servers[br-lan].staticLeases[mac]) and have no REST
/// resource: <see cref="ConfigEditor"/> writes a change to one by writing its server.
/// </summary>
public static class StaticLeases
{
    private const string Prefix = "dhcp/servers/";
    private const string Suffix = "/static-leases";
    private static readonly RouterConfigJsonContext Json = RouterConfigJson.Metadata(redactSecrets: false);

    public static ConfigList<StaticLease> Of(InterfaceName device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new ConfigList<StaticLease>(
            Prefix + device.Value + Suffix,
            ConfigPath.Item(ConfigLists.DhcpServers.PathName, device.Value).Field("staticLeases"),
            c => ConfigLists.DhcpServers.Find(c, device.Value)?.StaticLeases ?? [],
            (c, leases) => ConfigLists.DhcpServers.Find(c, device.Value) is { } server
                ? ConfigLists.DhcpServers.Place(c, server with { StaticLeases = leases }, device.Value)
                : c,
            l => l.Mac.Value,
            Json.StaticLease,
            Json.EquatableArrayStaticLease);
    }

    /// <summary>The server's device when <paramref name="route"/> is one of these lists' routes.</summary>
    public static string? DeviceOf(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.StartsWith(Prefix, StringComparison.Ordinal) && route.EndsWith(Suffix, StringComparison.Ordinal) && route.Length > Prefix.Length + Suffix.Length
            ? route[Prefix.Length..^Suffix.Length]
            : null;
    }

    /// <summary>The server whose device has an IPv4 subnet holding <paramref name="address"/> (where a live lease is made static).</summary>
    public static DhcpServer? ServerFor(RouterConfig config, IpAddress address)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.DhcpOrDefault.Servers.FirstOrDefault(s =>
            config.Addresses.Any(a => a.Device == s.Device && a.Address.Subnet.Contains(address)));
    }
}
