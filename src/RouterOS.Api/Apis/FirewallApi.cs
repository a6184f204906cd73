using Microsoft.AspNetCore.Http.HttpResults;
using RouterOS.Api.Contracts;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Apis;

/// <summary>The running firewall's live state from the engine: each rule's counters.</summary>
public static class FirewallApi
{
    public static RouteGroupBuilder MapFirewallApi(this RouteGroupBuilder api)
    {
        api.MapGet("/firewall/counters", ListCountersAsync).WithTags("Firewall")
            .WithSummary("Packet and byte counters of the running port forwards, source NAT rules and forward rules, by configuration path.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<RuleCounterView>>> ListCountersAsync(IEngineClient engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.ListRuleCountersAsync(cancellationToken));
}
