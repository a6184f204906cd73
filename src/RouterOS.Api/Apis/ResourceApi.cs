using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
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
/// </summary>
/// <param name="Route">The URL segment(s) under /api/v1, e.g. "offload-rules".</param>
/// <param name="List">The list's name in configuration paths, e.g. "offloadPolicy".</param>
public sealed record ResourceSpec<T>(
    string Route,
    string List,
    Func<RouterConfig, EquatableArray<T>> Get,
    Func<RouterConfig, EquatableArray<T>, RouterConfig> Set,
    Func<T, string> Key,
    JsonTypeInfo<T> Item,
    JsonTypeInfo<EquatableArray<T>> Items) where T : class;

public static class ResourceApi
{
    public static RouteGroupBuilder MapResource<T>(this RouteGroupBuilder api, ResourceSpec<T> spec) where T : class
    {
        var group = api.MapGroup("/" + spec.Route).WithTags(spec.Route);
        group.MapGet("/", async (CandidateStore candidates, CancellationToken ct) =>
            TypedResults.Ok(spec.Get((await candidates.GetAsync(ct)).Config)))
            .WithSummary($"The candidate's {spec.List}.");
        group.MapPut("/", async (HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            var items = await BodyReader.ReadAsync(http.Request, spec.Items, ct);
            var saved = await CandidateApi.SaveCandidateAsync(http, candidates, config => WithSecretsKept(spec.Set(config, items), config), ct);
            return TypedResults.Ok(spec.Get(saved.Config));
        }).Accepts<EquatableArray<T>>("application/json").WithSummary($"Replace the candidate's {spec.List} (in this order).");
        // {**key}: keys such as addresses and routes contain '/'.
        group.MapGet("/{**key}", async Task<Results<Ok<T>, NotFound<string>>> (string key, CandidateStore candidates, CancellationToken ct) =>
            Find(spec, (await candidates.GetAsync(ct)).Config, key) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound($"{ConfigPath.Item(spec.List, key)} does not exist"))
            .WithSummary("One item, by its key.");
        group.MapPut("/{**key}", async (string key, HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            var item = await BodyReader.ReadAsync(http.Request, spec.Item, ct);
            if (spec.Key(item) != key)
                throw new BadRequestException($"the body describes {ConfigPath.Item(spec.List, spec.Key(item))} but the URL names {ConfigPath.Item(spec.List, key)}");
            var saved = await CandidateApi.SaveCandidateAsync(http, candidates, config => WithSecretsKept(Upsert(spec, config, item), config), ct);
            return TypedResults.Ok(Find(spec, saved.Config, key)!);
        }).Accepts<T>("application/json").WithSummary("Create or replace one item; a new one goes at the end.");
        group.MapDelete("/{**key}", async Task<Results<NoContent, NotFound<string>>> (string key, HttpContext http, CandidateStore candidates, CancellationToken ct) =>
        {
            if (Find(spec, (await candidates.GetAsync(ct)).Config, key) is null)
                return TypedResults.NotFound($"{ConfigPath.Item(spec.List, key)} does not exist");
            await CandidateApi.SaveCandidateAsync(http, candidates,
                config => spec.Set(config, [.. spec.Get(config).Where(i => spec.Key(i) != key)]), ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete one item.");
        return api;
    }

    private static T? Find<T>(ResourceSpec<T> spec, RouterConfig config, string key) where T : class =>
        spec.Get(config).FirstOrDefault(i => spec.Key(i) == key);

    private static RouterConfig Upsert<T>(ResourceSpec<T> spec, RouterConfig config, T item) where T : class
    {
        var list = spec.Get(config);
        var index = list.AsImmutableArray().FindIndex(i => spec.Key(i) == spec.Key(item));
        return spec.Set(config, index < 0 ? list.Add(item) : list.SetItem(index, item));
    }

    private static RouterConfig WithSecretsKept(RouterConfig edited, RouterConfig current) => SecretPlaceholders.KeepExisting(edited, current);

}

internal static class ImmutableArrayExtensions
{
    public static int FindIndex<T>(this System.Collections.Immutable.ImmutableArray<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (match(items[i]))
                return i;
        }
        return -1;
    }
}
