using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Apis;

/// <summary>Every list of the configuration as a REST resource under /api/v1.</summary>
public static class Resources
{
    public static RouteGroupBuilder MapConfigResources(this RouteGroupBuilder api)
    {
        var json = RouterConfigJson.Metadata(redactSecrets: false);
        api.MapResource(new ResourceSpec<Port>("ports", "ports", c => c.Ports, (c, v) => c with { Ports = v }, p => p.Name.Value, json.Port, json.EquatableArrayPort));
        api.MapResource(new ResourceSpec<Bridge>("bridges", "bridges", c => c.Bridges, (c, v) => c with { Bridges = v }, b => b.Name.Value, json.Bridge, json.EquatableArrayBridge));
        api.MapResource(new ResourceSpec<VlanDevice>("vlans", "vlans", c => c.Vlans, (c, v) => c with { Vlans = v }, v => v.Name.Value, json.VlanDevice, json.EquatableArrayVlanDevice));
        api.MapResource(new ResourceSpec<PppoeUplink>("pppoe", "pppoe", c => c.Pppoe, (c, v) => c with { Pppoe = v }, p => p.Name.Value, json.PppoeUplink, json.EquatableArrayPppoeUplink));
        api.MapResource(new ResourceSpec<AddressAssignment>("addresses", "addresses", c => c.Addresses, (c, v) => c with { Addresses = v }, a => a.Address.ToString(), json.AddressAssignment, json.EquatableArrayAddressAssignment));
        api.MapResource(new ResourceSpec<StaticRoute>("routes", "routes", c => c.Routes, (c, v) => c with { Routes = v }, r => r.Key, json.StaticRoute, json.EquatableArrayStaticRoute));
        api.MapResource(new ResourceSpec<DhcpClient>("dhcp/clients", "dhcp.clients", c => c.DhcpOrDefault.Clients, (c, v) => c with { Dhcp = c.DhcpOrDefault with { Clients = v } }, d => d.Device.Value, json.DhcpClient, json.EquatableArrayDhcpClient));
        api.MapResource(new ResourceSpec<DhcpServer>("dhcp/servers", "dhcp.servers", c => c.DhcpOrDefault.Servers, (c, v) => c with { Dhcp = c.DhcpOrDefault with { Servers = v } }, d => d.Device.Value, json.DhcpServer, json.EquatableArrayDhcpServer));
        api.MapResource(new ResourceSpec<Flowtable>("flowtables", "flowtables", c => c.Flowtables, (c, v) => c with { Flowtables = v }, f => f.Name.Value, json.Flowtable, json.EquatableArrayFlowtable));
        api.MapResource(new ResourceSpec<OffloadRule>("offload-rules", "offloadPolicy", c => c.OffloadPolicy, (c, v) => c with { OffloadPolicy = v }, r => r.Name.Value, json.OffloadRule, json.EquatableArrayOffloadRule));
        api.MapResource(new ResourceSpec<Zone>("zones", "firewall.zones", c => c.FirewallOrDefault.Zones, (c, v) => c with { Firewall = c.FirewallOrDefault with { Zones = v } }, z => z.Name.Value, json.Zone, json.EquatableArrayZone));
        api.MapResource(new ResourceSpec<ZoneForwarding>("zones/forwardings", "firewall.forwardings", c => c.FirewallOrDefault.Forwardings, (c, v) => c with { Firewall = c.FirewallOrDefault with { Forwardings = v } }, f => f.Key, json.ZoneForwarding, json.EquatableArrayZoneForwarding));
        api.MapResource(new ResourceSpec<InputRule>("zones/input-rules", "firewall.inputRules", c => c.FirewallOrDefault.InputRules, (c, v) => c with { Firewall = c.FirewallOrDefault with { InputRules = v } }, r => r.Name.Value, json.InputRule, json.EquatableArrayInputRule));
        api.MapResource(new ResourceSpec<TrafficShaper>("shaping", "shaping", c => c.Shaping, (c, v) => c with { Shaping = v }, s => s.Device.Value, json.TrafficShaper, json.EquatableArrayTrafficShaper));
        return api;
    }
}
