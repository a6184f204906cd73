using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Apis;

/// <summary>What the router's DHCP server has handed out (dnsmasq's lease file), and the uplinks' clients, from the engine.</summary>
public static class DhcpApi
{
    public static RouteGroupBuilder MapDhcpApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dhcp/leases", ListLeasesAsync).WithTags("DHCP").WithSummary("The leases the router's DHCP server has handed out: MAC, address, hostname, expiry.");
        api.MapGet("/uplinks/status", ListUplinksAsync).WithTags("Uplinks").WithSummary("Each uplink's client (DHCP): state, address, gateway, DNS, the failure in plain words, and its timeline.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UplinkStatusView>>> ListUplinksAsync(IEngineClient engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListUplinksAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<DhcpLeaseView>>> ListLeasesAsync(IEngineClient engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListDhcpLeasesAsync(cancellationToken));
}
