using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RouterOS.Dashboard.Services;
using RouterOS.Domain.Json;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using RouterOS.Domain.Verification;

namespace RouterOS.Dashboard.Editing;

/// <summary>What a save answered: nothing wrong, or the findings (with paths) and the message.</summary>
public sealed record SaveOutcome(string? Error, IReadOnlyList<ConfigFinding> Findings)
{
    public static SaveOutcome Saved { get; } = new(null, []);

    public bool Ok => Error is null;
}

/// <summary>
/// Reads and edits the candidate configuration through the public REST resources
/// (/api/v1/bridges/{name} and the like). Every write carries the ETag of the candidate it was
/// made against (If-Match), so an edit made elsewhere in between is refused, not overwritten.
/// </summary>
public sealed class ConfigEditor(RouterApi api)
{
    private static readonly RouterConfigJsonContext Json = RouterConfigJson.Metadata(redactSecrets: false);
    private string? _etag;

    /// <summary>The candidate as last read or saved; Empty before the first read.</summary>
    public RouterConfig Candidate { get; private set; } = RouterConfig.Empty;

    public event Action? Changed;

    public async Task<RouterConfig> LoadAsync()
    {
        using var response = await api.Http.GetAsync("api/v1/candidate");
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var read = RouterConfigJson.Read(JsonSerializer.SerializeToUtf8Bytes(document.RootElement.GetProperty("config")));
        Candidate = read.Config ?? throw new InvalidOperationException($"the candidate could not be read: {read.Error}");
        _etag = response.Headers.ETag?.ToString();
        Changed?.Invoke();
        return Candidate;
    }

    public Task<SaveOutcome> SaveAsync<T>(ConfigList<T> list, T item) where T : class =>
        SendAsync(HttpMethod.Put, $"api/v1/{list.Route}/{EscapeKey(list.Key(item))}", JsonContent.Create(item, list.ItemJson(Json)));

    public Task<SaveOutcome> DeleteAsync<T>(ConfigList<T> list, string key) where T : class =>
        SendAsync(HttpMethod.Delete, $"api/v1/{list.Route}/{EscapeKey(key)}", null);

    /// <summary>Replaces the whole list, in this order (how the offload policy is reordered).</summary>
    public Task<SaveOutcome> ReplaceAsync<T>(ConfigList<T> list, IReadOnlyList<T> items) where T : class =>
        SendAsync(HttpMethod.Put, $"api/v1/{list.Route}", JsonContent.Create(list.Wrap(items), list.ListJson(Json)));

    private async Task<SaveOutcome> SendAsync(HttpMethod method, string url, HttpContent? body)
    {
        if (_etag is null)
            await LoadAsync();
        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.TryAddWithoutValidation("If-Match", _etag);
        using var response = await api.SendChangeAsync(request);
        if (response.IsSuccessStatusCode)
        {
            await LoadAsync();
            return SaveOutcome.Saved;
        }
        var problem = await RouterApi.ReadProblemAsync(response);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
            await LoadAsync();
        return new SaveOutcome(problem?.Detail ?? problem?.Title ?? $"the router answered {(int)response.StatusCode}", problem?.Findings ?? []);
    }

    /// <summary>Keys such as addresses ("192.168.1.1/24") keep their '/': the API's route takes the rest of the path.</summary>
    private static string EscapeKey(string key) => Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal);
}

/// <summary>One list of the configuration as the REST API names it, with how to key and serialise its items.</summary>
public sealed record ConfigList<T>(
    string Route,
    string PathName,
    Func<RouterConfig, EquatableArray<T>> Get,
    Func<RouterConfig, EquatableArray<T>, RouterConfig> Set,
    Func<T, string> Key,
    Func<RouterConfigJsonContext, JsonTypeInfo<T>> ItemJson,
    Func<RouterConfigJsonContext, JsonTypeInfo<EquatableArray<T>>> ListJson) where T : class
{
    public string PathOf(T item) => ConfigPath.Item(PathName, Key(item));

    public EquatableArray<T> Wrap(IReadOnlyList<T> items) => [.. items];

    /// <summary>
    /// The configuration with <paramref name="item"/> in this list: in the place of the item keyed
    /// <paramref name="replacing"/> (an edit, perhaps renaming it), or at the end (a new one).
    /// </summary>
    public RouterConfig Place(RouterConfig config, T item, string? replacing)
    {
        ArgumentNullException.ThrowIfNull(config);
        var items = Get(config).ToList();
        var index = replacing is null ? -1 : items.FindIndex(existing => Key(existing) == replacing);
        if (index < 0)
            items.Add(item);
        else
            items[index] = item;
        return Set(config, [.. items]);
    }
}

/// <summary>The lists the dashboard edits, named as the API's resources and the verifier's paths name them.</summary>
public static class ConfigLists
{
    public static readonly ConfigList<Port> Ports = new("ports", "ports", c => c.Ports, (c, v) => c with { Ports = v }, p => p.Name.Value, j => j.Port, j => j.EquatableArrayPort);
    public static readonly ConfigList<Bridge> Bridges = new("bridges", "bridges", c => c.Bridges, (c, v) => c with { Bridges = v }, b => b.Name.Value, j => j.Bridge, j => j.EquatableArrayBridge);
    public static readonly ConfigList<VlanDevice> Vlans = new("vlans", "vlans", c => c.Vlans, (c, v) => c with { Vlans = v }, v => v.Name.Value, j => j.VlanDevice, j => j.EquatableArrayVlanDevice);
    public static readonly ConfigList<PppoeUplink> Pppoe = new("pppoe", "pppoe", c => c.Pppoe, (c, v) => c with { Pppoe = v }, p => p.Name.Value, j => j.PppoeUplink, j => j.EquatableArrayPppoeUplink);
    public static readonly ConfigList<AddressAssignment> Addresses = new("addresses", "addresses", c => c.Addresses, (c, v) => c with { Addresses = v }, a => a.Address.ToString(), j => j.AddressAssignment, j => j.EquatableArrayAddressAssignment);
    public static readonly ConfigList<StaticRoute> Routes = new("routes", "routes", c => c.Routes, (c, v) => c with { Routes = v }, r => r.Key, j => j.StaticRoute, j => j.EquatableArrayStaticRoute);
    public static readonly ConfigList<Flowtable> Flowtables = new("flowtables", "flowtables", c => c.Flowtables, (c, v) => c with { Flowtables = v }, f => f.Name.Value, j => j.Flowtable, j => j.EquatableArrayFlowtable);
    public static readonly ConfigList<OffloadRule> OffloadRules = new("offload-rules", "offloadPolicy", c => c.OffloadPolicy, (c, v) => c with { OffloadPolicy = v }, r => r.Name.Value, j => j.OffloadRule, j => j.EquatableArrayOffloadRule);
}
