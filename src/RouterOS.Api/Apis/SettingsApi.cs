using System.Text.Json.Serialization.Metadata;
using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Apis;

/// <summary>The configuration's single-object sections (system, DNS, firewall defaults) as resources on the candidate: read and replace.</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapConfigSettings(this RouteGroupBuilder api)
    {
        var json = RouterConfigJson.Metadata(redactSecrets: false);
        api.MapSetting("system", c => c.SystemOrDefault, (c, v) => c with { System = v }, json.SystemSettings);
        api.MapSetting("dns", c => c.DnsOrDefault, (c, v) => c with { Dns = v }, json.DnsSettings);
        api.MapSetting("firewall/defaults", c => c.FirewallOrDefault.DefaultsOrDefault, (c, v) => c with { Firewall = c.FirewallOrDefault with { Defaults = v } }, json.FirewallDefaults);
        return api;
    }

    private static void MapSetting<T>(this RouteGroupBuilder api, string route, Func<RouterConfig, T> get, Func<RouterConfig, T, RouterConfig> set, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var group = api.MapGroup("/" + route).WithTags(route);
        // IResult and Produces, not Ok<T>: see ResourceApi (the request delegate generator cannot name T).
        group.MapGet("/", async Task<IResult> (CandidateStore candidates, CancellationToken ct) => TypedResults.Ok(get((await candidates.GetAsync(ct)).Config)))
            .Produces<T>().WithSummary($"The candidate's {route} settings.");
        group.MapPut("/", async Task<IResult> (HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            var value = await BodyReader.ReadAsync(http.Request, typeInfo, ct);
            var saved = await CandidateApi.SaveCandidateAsync(http, candidates, config => set(config, value), ct);
            return TypedResults.Ok(get(saved.Config));
        }).Accepts<T>("application/json").Produces<T>().WithSummary($"Replace the candidate's {route} settings.");
    }
}
