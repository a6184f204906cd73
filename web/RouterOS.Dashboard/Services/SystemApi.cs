using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The firmware and the configuration's safekeeping through the public REST API (/api/v1/system/...):
/// versions and slots, upgrade, reboot, factory reset, backup and restore. Changes go through
/// <see cref="RouterApi.SendChangeAsync(HttpRequestMessage)"/>, with the session's antiforgery token.
/// </summary>
public sealed class SystemApi(RouterApi api)
{
    /// <summary>The header the API reads a backup's passphrase from: never in a URL, where logs would keep it.</summary>
    public const string PassphraseHeader = "X-Backup-Passphrase";

    /// <summary>As the API requires (BackupKeys.MinPassphraseLength): it is all that protects the secrets in the file.</summary>
    public const int MinPassphraseLength = 12;

    private static readonly DashboardJson Json = DashboardJson.Default;

    /// <returns>The versions and slots, or why they cannot be read.</returns>
    public async Task<(SystemView? View, string? Error)> FirmwareAsync()
    {
        try
        {
            using var response = await api.Http.GetAsync("api/v1/system/firmware");
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync(Json.SystemView), null)
                : (null, await RouterApi.ErrorOfAsync(response));
        }
        catch (HttpRequestException e)
        {
            // Right after a reboot or an upgrade the router may not answer yet.
            return (null, $"the router does not answer ({e.Message})");
        }
    }

    /// <summary>
    /// Uploads a bundle and yields the install's progress line by line as the router sends it; the last
    /// line is always an outcome ("installed", "refused" or "failed"), made here when the router's answer
    /// is an error or ends without one.
    /// </summary>
    /// <remarks>
    /// The response is read as it arrives: since .NET 10 the browser's HttpClient streams responses by
    /// default (the fetch body's reader), and <see cref="HttpCompletionOption.ResponseHeadersRead"/> hands
    /// it over at the headers. The request body is not streamed: fetch streams an upload only over HTTP/2
    /// and only in some browsers, so WebAssembly's HttpClient reads the bundle into memory before sending it
    /// (at most <see cref="SystemView.MaxBundleBytes"/>), and nothing shows while it uploads.
    /// </remarks>
    public async IAsyncEnumerable<UpgradeProgress> UpgradeAsync(Stream bundle, long length, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var content = new StreamContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/system/upgrade") { Content = content };
        var (response, unsent) = await SendAsync(request, cancellationToken);
        if (response is null)
        {
            yield return new UpgradeProgress("failed", 0, $"the upload did not reach the router ({unsent}); nothing was installed");
            yield break;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // Refused before anything was written (422: unsigned, wrongly signed, for another device), or not taken at all.
                var error = await RouterApi.ErrorOfAsync(response);
                yield return response.StatusCode == HttpStatusCode.UnprocessableEntity
                    ? new UpgradeProgress("refused", 0, error)
                    : new UpgradeProgress("failed", 0, error);
                yield break;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            UpgradeProgress? last = null;
            while (true)
            {
                var (line, broken) = await ReadLineAsync(reader, cancellationToken);
                if (broken is not null)
                {
                    yield return new UpgradeProgress("failed", last?.Percent ?? 0,
                        $"the connection to the router broke during the install ({broken}); it may still be installing: check the slots below");
                    yield break;
                }
                if (line is null)
                    break;
                if (line.Length == 0)
                    continue;
                var progress = Parse(line);
                if (progress is null)
                {
                    yield return new UpgradeProgress("failed", last?.Percent ?? 0, $"the router sent a line that is not progress ({line}): check the slots below before rebooting");
                    yield break;
                }
                last = progress;
                yield return progress;
            }
            if (last is null || !IsOutcome(last.Phase))
            {
                yield return new UpgradeProgress("failed", last?.Percent ?? 0,
                    "the router's answer ended before the install's outcome: check the slots below before rebooting");
            }
        }
    }

    /// <summary>The phases that end an upgrade (the contract's <see cref="UpgradeProgress.Phase"/>).</summary>
    public static bool IsOutcome(string phase) => phase is "installed" or "refused" or "failed";

    public Task<(SystemActionResult? Result, string? Error)> RebootAsync() => ActAsync("api/v1/system/reboot", "reboot");

    public Task<(SystemActionResult? Result, string? Error)> FactoryResetAsync() => ActAsync("api/v1/system/factory-reset", "factory-reset");

    /// <returns>The backup file and the name the router gives it, or why there is none.</returns>
    public async Task<(byte[]? File, string FileName, string? Error)> BackupAsync(string passphrase)
    {
        // A GET, so no antiforgery token is needed; it needs the write scope, which a signed-in administrator has.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/system/backup");
        request.Headers.Add(PassphraseHeader, passphrase);
        using var response = await api.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            return (null, "", await RouterApi.ErrorOfAsync(response));
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        return (await response.Content.ReadAsByteArrayAsync(), string.IsNullOrEmpty(name) ? "routeros-backup.json" : name, null);
    }

    /// <returns>What the restore did; or, when refused, the router's problem (its reason and findings) and the reason in words.</returns>
    public async Task<(SystemActionResult? Result, Problem? Refusal, string? Error)> RestoreAsync(byte[] file, string passphrase)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/system/restore") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(PassphraseHeader, passphrase);
        using var response = await api.SendChangeAsync(request);
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync(Json.SystemActionResult), null, null);
        var problem = await RouterApi.ReadProblemAsync(response);
        return (null, problem, problem?.Detail ?? problem?.Title ?? $"the router answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    /// <summary>A reboot or factory reset: the body names the action, so a stray request does nothing.</summary>
    private async Task<(SystemActionResult? Result, string? Error)> ActAsync(string url, string confirm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new SystemActionRequest(confirm), Json.SystemActionRequest) };
        using var response = await api.SendChangeAsync(request);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(Json.SystemActionResult), null)
            : (null, await RouterApi.ErrorOfAsync(response));
    }

    private async Task<(HttpResponseMessage? Response, string? Error)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return (await api.SendChangeAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
    }

    private static UpgradeProgress? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, Json.UpgradeProgress);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One line, null at the end; or, when the connection broke, why (a yield cannot sit in a try with a catch).</summary>
    private static async Task<(string? Line, string? Broken)> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadLineAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, e.Message);
        }
    }
}
