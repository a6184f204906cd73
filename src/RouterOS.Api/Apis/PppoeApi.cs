using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;
using RouterOS.Api.Http;

namespace RouterOS.Api.Apis;

/// <summary>A PPPoE uplink's live session (the engine's pppd supervisor); its settings are the /pppoe resource.</summary>
public static class PppoeApi
{
    public static RouteGroupBuilder MapPppoeApi(this RouteGroupBuilder api)
    {
        var pppoe = api.MapGroup("/pppoe").WithTags("PPPoE");
        pppoe.MapGet("/{name}/status", StatusAsync)
            .WithSummary("The session: state (discovery, session, lcp, authentication, ipcp, up, down, failed, stopped), addresses, DNS, session id, uptime, reconnects, the failure in plain words with what to check, and the timeline.");
        pppoe.MapPost("/{name}/reconnect", ReconnectAsync)
            .WithSummary("End the session (PADT) and dial again now; also after it stopped dialling on repeated authentication failure.");
        return api;
    }

    private static async Task<Ok<UplinkStatusView>> StatusAsync(IEngineClient engine, string name, CancellationToken cancellationToken)
    {
        var uplinks = await engine.ListUplinksAsync(cancellationToken);
        return uplinks.FirstOrDefault(uplink => uplink.Kind == "pppoe" && uplink.Device == name) is { } status
            ? TypedResults.Ok(status)
            : throw new NotFoundException($"no PPPoE session runs for {name}: it is not in the running configuration, or it is disabled");
    }

    private static async Task<Accepted> ReconnectAsync(IEngineClient engine, string name, CancellationToken cancellationToken)
    {
        var error = await engine.ReconnectUplinkAsync(name, cancellationToken);
        return error is null ? TypedResults.Accepted($"/api/v1/pppoe/{Uri.EscapeDataString(name)}/status") : throw new NotFoundException(error);
    }
}
