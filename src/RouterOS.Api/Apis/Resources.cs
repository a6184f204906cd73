using RouterOS.Domain.Model;

namespace RouterOS.Api.Apis;

/// <summary>Every list of the configuration as a REST resource under /api/v1.</summary>
public static class Resources
{
    public static RouteGroupBuilder MapConfigResources(this RouteGroupBuilder api)
    {
        api.MapResource(ConfigLists.Ports);
        api.MapResource(ConfigLists.Bridges);
        api.MapResource(ConfigLists.Vlans);
        api.MapResource(ConfigLists.Pppoe);
        api.MapResource(ConfigLists.Addresses);
        api.MapResource(ConfigLists.Routes);
        api.MapResource(ConfigLists.DhcpClients);
        api.MapResource(ConfigLists.DhcpServers);
        api.MapResource(ConfigLists.Flowtables);
        api.MapResource(ConfigLists.OffloadRules);
        api.MapResource(ConfigLists.Zones);
        api.MapResource(ConfigLists.ZoneForwardings);
        api.MapResource(ConfigLists.InputRules);
        api.MapResource(ConfigLists.PortForwards);
        api.MapResource(ConfigLists.SourceNat);
        api.MapResource(ConfigLists.ForwardRules);
        api.MapResource(ConfigLists.Dhcpv6Clients);
        api.MapResource(ConfigLists.StaticPrefixes);
        api.MapResource(ConfigLists.Ipv6Lans);
        api.MapResource(ConfigLists.Shaping);
        return api;
    }
}
