using RouterOS.Api.Http;
using RouterOS.Api.Store;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Api.Apis;

/// <summary>
/// One list of the configuration exposed as a REST resource on the candidate: list, replace the
/// whole list (which is also how the ordered offload policy is reordered), read, create or replace
/// one item by its key, delete one. Every resource works the same way, so it is written once.
/// The handlers return <see cref="IResult"/> and declare their answers with Produces: the request
/// delegate generator, which compiles the handlers for the NativeAOT API, cannot name this method's
/// T in the code it writes.
/// </summary>
public static class ResourceApi
{
    public static RouteGroupBuilder MapResource<T>(this RouteGroupBuilder api, ConfigList<T> spec) where T : class
    {
        var group = api.MapGroup("/" + spec.Route).WithTags(spec.Route);
        group.MapGet("/", async Task<IResult> (CandidateStore candidates, CancellationToken ct) =>
            TypedResults.Ok(spec.Get((await candidates.GetAsync(ct)).Config)))
            .Produces<EquatableArray<T>>().WithSummary($"The candidate's {spec.PathName}.");
        group.MapPut("/", async Task<IResult> (HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            var items = await BodyReader.ReadAsync(http.Request, spec.ListJson, ct);
            var saved = await CandidateApi.SaveCandidateAsync(http, candidates, config => WithSecretsKept(spec.Set(config, items), config), ct);
            return TypedResults.Ok(spec.Get(saved.Config));
        }).Accepts<EquatableArray<T>>("application/json").Produces<EquatableArray<T>>().WithSummary($"Replace the candidate's {spec.PathName} (in this order).");
        // {**key}: keys such as addresses and routes contain '/'.
        group.MapGet("/{**key}", async Task<IResult> (string key, CandidateStore candidates, CancellationToken ct) =>
            spec.Find((await candidates.GetAsync(ct)).Config, key) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound($"{ConfigPath.Item(spec.PathName, key)} does not exist"))
            .Produces<T>().Produces<string>(StatusCodes.Status404NotFound).WithSummary("One item, by its key.");
        group.MapPut("/{**key}", async Task<IResult> (string key, HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            var item = await BodyReader.ReadAsync(http.Request, spec.ItemJson, ct);
            if (spec.Key(item) != key)
                throw new BadRequestException($"the body describes {ConfigPath.Item(spec.PathName, spec.Key(item))} but the URL names {ConfigPath.Item(spec.PathName, key)}");
            var saved = await CandidateApi.SaveCandidateAsync(http, candidates, config => WithSecretsKept(spec.Place(config, item, key), config), ct);
            return TypedResults.Ok(spec.Find(saved.Config, key)!);
        }).Accepts<T>("application/json").Produces<T>().WithSummary("Create or replace one item; a new one goes at the end.");
        group.MapDelete("/{**key}", async Task<IResult> (string key, HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            if (spec.Find((await candidates.GetAsync(ct)).Config, key) is null)
                return TypedResults.NotFound($"{ConfigPath.Item(spec.PathName, key)} does not exist");
            await CandidateApi.SaveCandidateAsync(http, candidates,
                config => spec.Remove(config, key), ct);
            return TypedResults.NoContent();
        }).Produces(StatusCodes.Status204NoContent).Produces<string>(StatusCodes.Status404NotFound).WithSummary("Delete one item.");
        return api;
    }

    private static RouterConfig WithSecretsKept(RouterConfig edited, RouterConfig current) => SecretPlaceholders.KeepExisting(edited, current);

}
