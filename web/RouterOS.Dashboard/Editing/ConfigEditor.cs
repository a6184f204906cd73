using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
/// (/api/v1/bridges/{name} and the like, and the sections /api/v1/dns and /api/v1/system). Every write carries the ETag of the candidate it was
/// made against (If-Match), so an edit made elsewhere in between is refused, not overwritten.
/// </summary>
public sealed class ConfigEditor(RouterApi api)
{
    private string? _etag;

    /// <summary>The candidate as last read or saved; Empty before the first read.</summary>
    public RouterConfig Candidate { get; private set; } = RouterConfig.Empty;

    /// <summary>Whether <see cref="Candidate"/> was read: before, its emptiness says nothing about the router's.</summary>
    public bool Loaded { get; private set; }

    public event Action? Changed;

    public async Task<RouterConfig> LoadAsync()
    {
        using var response = await api.Http.GetAsync("api/v1/candidate");
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var read = RouterConfigJson.Read(JsonSerializer.SerializeToUtf8Bytes(document.RootElement.GetProperty("config")));
        Candidate = read.Config ?? throw new InvalidOperationException($"the candidate could not be read: {read.Error}");
        _etag = response.Headers.ETag?.ToString();
        Loaded = true;
        Changed?.Invoke();
        return Candidate;
    }

    public Task<SaveOutcome> SaveAsync<T>(ConfigList<T> list, T item) where T : class =>
        StaticLeases.DeviceOf(list.Route) is { } device
            ? SaveParentAsync(device, c => list.Place(c, item, list.Key(item)))
            : SendAsync(HttpMethod.Put, $"api/v1/{list.Route}/{EscapeKey(list.Key(item))}", JsonContent.Create(item, list.ItemJson));

    public Task<SaveOutcome> DeleteAsync<T>(ConfigList<T> list, string key) where T : class =>
        StaticLeases.DeviceOf(list.Route) is { } device
            ? SaveParentAsync(device, c => list.Remove(c, key))
            : SendAsync(HttpMethod.Delete, $"api/v1/{list.Route}/{EscapeKey(key)}", null);

    /// <summary>A static lease has no resource of its own: its DHCP server is written with the edited leases.</summary>
    private async Task<SaveOutcome> SaveParentAsync(string device, Func<RouterConfig, RouterConfig> edit)
    {
        if (_etag is null)
            await LoadAsync();
        return ConfigLists.DhcpServers.Find(edit(Candidate), device) is { } server
            ? await SaveAsync(ConfigLists.DhcpServers, server)
            : new SaveOutcome($"there is no DHCP server on {device} to hold the static lease", []);
    }

    /// <summary>Replaces a single-object section of the candidate (/api/v1/dns, /api/v1/system).</summary>
    public Task<SaveOutcome> SaveSettingAsync<T>(ConfigSetting<T> setting, T value) where T : class =>
        SendAsync(HttpMethod.Put, $"api/v1/{setting.Route}", JsonContent.Create(value, setting.Json));

    /// <summary>
    /// Replaces the whole candidate in one write: an edit that must land whole or not at all (an
    /// address with everything renumbered along with it). Secrets the candidate was read without
    /// are kept by the API.
    /// </summary>
    public Task<SaveOutcome> SaveWholeAsync(RouterConfig config) =>
        SendAsync(HttpMethod.Put, "api/v1/config", new ByteArrayContent(RouterConfigJson.WriteUtf8(config)) { Headers = { ContentType = new("application/json") } });

    /// <summary>Replaces the whole list, in this order (how the offload policy is reordered).</summary>
    public Task<SaveOutcome> ReplaceAsync<T>(ConfigList<T> list, IReadOnlyList<T> items) where T : class =>
        SendAsync(HttpMethod.Put, $"api/v1/{list.Route}", JsonContent.Create<EquatableArray<T>>([.. items], list.ListJson));

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
