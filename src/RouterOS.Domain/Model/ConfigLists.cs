using System.Text.Json.Serialization.Metadata;
using RouterOS.Domain.Json;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Domain.Model;

/// <summary>
/// One keyed list of the configuration: its REST resource name, its name in configuration paths,
/// how to read and replace it, each item's key, and its JSON. The API serves every list from this
/// and the dashboard edits them through it, so the two cannot disagree on a list's name or key.
/// </summary>
/// <param name="Route">The URL segment(s) under /api/v1, e.g. "offload-rules".</param>
/// <param name="PathName">The list's name in configuration paths, e.g. "offloadPolicy".</param>
public sealed record ConfigList<T>(
    string Route,
    string PathName,
    Func<RouterConfig, EquatableArray<T>> Get,
    Func<RouterConfig, EquatableArray<T>, RouterConfig> Set,
    Func<T, string> Key,
    JsonTypeInfo<T> ItemJson,
    JsonTypeInfo<EquatableArray<T>> ListJson) where T : class
{
    /// <summary>The item's configuration path, as findings and diffs name it: "bridges[br-lan]".</summary>
    public string PathOf(T item) => ConfigPath.Item(PathName, Key(item));

    public T? Find(RouterConfig config, string key)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Get(config).FirstOrDefault(item => Key(item) == key);
    }

    /// <summary>
    /// The configuration with <paramref name="item"/> in this list: in the place of the item keyed
    /// <paramref name="replacing"/> (an edit, perhaps renaming it), or at the end (a new one).
    /// </summary>
    public RouterConfig Place(RouterConfig config, T item, string? replacing)
    {
        ArgumentNullException.ThrowIfNull(config);
        var items = Get(config).ToList();
        var index = replacing is null ? -1 : items.FindIndex(existing => Key(existing) == replacing);
        if (index < 0)
            items.Add(item);
        else
            items[index] = item;
        return Set(config, [.. items]);
    }

    public RouterConfig Remove(RouterConfig config, string key)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Set(config, [.. Get(config).Where(item => Key(item) != key)]);
    }
}

/// <summary>Every keyed list of the configuration, with JSON that keeps secrets in clear (request bodies carry them).</summary>
public static class ConfigLists
{
    private static readonly RouterConfigJsonContext Json = RouterConfigJson.Metadata(redactSecrets: false);

    public static readonly ConfigList<Port> Ports = new("ports", "ports", c => c.Ports, (c, v) => c with { Ports = v }, p => p.Name.Value, Json.Port, Json.EquatableArrayPort);
    public static readonly ConfigList<Bridge> Bridges = new("bridges", "bridges", c => c.Bridges, (c, v) => c with { Bridges = v }, b => b.Name.Value, Json.Bridge, Json.EquatableArrayBridge);
    public static readonly ConfigList<VlanDevice> Vlans = new("vlans", "vlans", c => c.Vlans, (c, v) => c with { Vlans = v }, v => v.Name.Value, Json.VlanDevice, Json.EquatableArrayVlanDevice);
    public static readonly ConfigList<PppoeUplink> Pppoe = new("pppoe", "pppoe", c => c.Pppoe, (c, v) => c with { Pppoe = v }, p => p.Name.Value, Json.PppoeUplink, Json.EquatableArrayPppoeUplink);
    public static readonly ConfigList<AddressAssignment> Addresses = new("addresses", "addresses", c => c.Addresses, (c, v) => c with { Addresses = v }, a => a.Address.ToString(), Json.AddressAssignment, Json.EquatableArrayAddressAssignment);
    public static readonly ConfigList<StaticRoute> Routes = new("routes", "routes", c => c.Routes, (c, v) => c with { Routes = v }, r => r.Key, Json.StaticRoute, Json.EquatableArrayStaticRoute);
    public static readonly ConfigList<DhcpClient> DhcpClients = new("dhcp/clients", "dhcp.clients", c => c.DhcpOrDefault.Clients, (c, v) => c with { Dhcp = c.DhcpOrDefault with { Clients = v } }, d => d.Device.Value, Json.DhcpClient, Json.EquatableArrayDhcpClient);
    public static readonly ConfigList<DhcpServer> DhcpServers = new("dhcp/servers", "dhcp.servers", c => c.DhcpOrDefault.Servers, (c, v) => c with { Dhcp = c.DhcpOrDefault with { Servers = v } }, d => d.Device.Value, Json.DhcpServer, Json.EquatableArrayDhcpServer);
    public static readonly ConfigList<Flowtable> Flowtables = new("flowtables", "flowtables", c => c.Flowtables, (c, v) => c with { Flowtables = v }, f => f.Name.Value, Json.Flowtable, Json.EquatableArrayFlowtable);
    public static readonly ConfigList<OffloadRule> OffloadRules = new("offload-rules", "offloadPolicy", c => c.OffloadPolicy, (c, v) => c with { OffloadPolicy = v }, r => r.Name.Value, Json.OffloadRule, Json.EquatableArrayOffloadRule);
    public static readonly ConfigList<Zone> Zones = new("zones", "firewall.zones", c => c.FirewallOrDefault.Zones, (c, v) => c with { Firewall = c.FirewallOrDefault with { Zones = v } }, z => z.Name.Value, Json.Zone, Json.EquatableArrayZone);
    public static readonly ConfigList<ZoneForwarding> ZoneForwardings = new("zones/forwardings", "firewall.forwardings", c => c.FirewallOrDefault.Forwardings, (c, v) => c with { Firewall = c.FirewallOrDefault with { Forwardings = v } }, f => f.Key, Json.ZoneForwarding, Json.EquatableArrayZoneForwarding);
    public static readonly ConfigList<InputRule> InputRules = new("zones/input-rules", "firewall.inputRules", c => c.FirewallOrDefault.InputRules, (c, v) => c with { Firewall = c.FirewallOrDefault with { InputRules = v } }, r => r.Name.Value, Json.InputRule, Json.EquatableArrayInputRule);
    public static readonly ConfigList<PortForward> PortForwards = new("firewall/port-forwards", "firewall.portForwards", c => c.FirewallOrDefault.PortForwards, (c, v) => c with { Firewall = c.FirewallOrDefault with { PortForwards = v } }, r => r.Name.Value, Json.PortForward, Json.EquatableArrayPortForward);
    public static readonly ConfigList<SourceNatRule> SourceNat = new("firewall/source-nat", "firewall.sourceNat", c => c.FirewallOrDefault.SourceNat, (c, v) => c with { Firewall = c.FirewallOrDefault with { SourceNat = v } }, r => r.Name.Value, Json.SourceNatRule, Json.EquatableArraySourceNatRule);
    public static readonly ConfigList<ForwardRule> ForwardRules = new("firewall/forward-rules", "firewall.forwardRules", c => c.FirewallOrDefault.ForwardRules, (c, v) => c with { Firewall = c.FirewallOrDefault with { ForwardRules = v } }, r => r.Name.Value, Json.ForwardRule, Json.EquatableArrayForwardRule);
    public static readonly ConfigList<Dhcpv6Client> Dhcpv6Clients = new("ipv6/clients", "ipv6.clients", c => c.Ipv6OrDefault.Clients, (c, v) => c with { Ipv6 = c.Ipv6OrDefault with { Clients = v } }, d => d.Uplink.Value, Json.Dhcpv6Client, Json.EquatableArrayDhcpv6Client);
    public static readonly ConfigList<StaticPrefix> StaticPrefixes = new("ipv6/static-prefixes", "ipv6.staticPrefixes", c => c.Ipv6OrDefault.StaticPrefixes, (c, v) => c with { Ipv6 = c.Ipv6OrDefault with { StaticPrefixes = v } }, p => p.Uplink.Value, Json.StaticPrefix, Json.EquatableArrayStaticPrefix);
    public static readonly ConfigList<LanIpv6> Ipv6Lans = new("ipv6/lans", "ipv6.lans", c => c.Ipv6OrDefault.Lans, (c, v) => c with { Ipv6 = c.Ipv6OrDefault with { Lans = v } }, l => l.Device.Value, Json.LanIpv6, Json.EquatableArrayLanIpv6);
    public static readonly ConfigList<TrafficShaper> Shaping = new("shaping", "shaping", c => c.Shaping, (c, v) => c with { Shaping = v }, s => s.Device.Value, Json.TrafficShaper, Json.EquatableArrayTrafficShaper);
}
