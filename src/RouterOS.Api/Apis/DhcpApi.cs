using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Apis;

/// <summary>What the router's DHCP server has handed out, from the engine (dnsmasq's lease file).</summary>
public static class DhcpApi
{
    public static RouteGroupBuilder MapDhcpApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dhcp/leases", ListLeasesAsync).WithTags("DHCP").WithSummary("The leases the router's DHCP server has handed out: MAC, address, hostname, expiry.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<DhcpLeaseView>>> ListLeasesAsync(IEngineClient engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListDhcpLeasesAsync(cancellationToken));
}
