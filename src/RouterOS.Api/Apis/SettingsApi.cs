using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Model;

namespace RouterOS.Api.Apis;

/// <summary>The configuration's single-object sections (system, DNS, firewall defaults) as resources on the candidate: read and replace.</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapConfigSettings(this RouteGroupBuilder api)
    {
        api.MapSetting(ConfigSettings.System);
        api.MapSetting(ConfigSettings.Dns);
        api.MapSetting(ConfigSettings.FirewallDefaults);
        return api;
    }

    private static void MapSetting<T>(this RouteGroupBuilder api, ConfigSetting<T> setting) where T : class
    {
        var (route, get, set, typeInfo) = (setting.Route, setting.Get, setting.Set, setting.Json);
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
