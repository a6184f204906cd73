using System.Net.Http.Json;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The dashboard's only way to the router: the public REST API, with the browser's session
/// cookie, and the antiforgery header every change needs.
/// </summary>
public sealed class RouterApi(HttpClient http)
{
    private AntiforgeryToken? _antiforgery;

    /// <summary>Who is signed in (if anyone), and whether first-run setup is still to do.</summary>
    public async Task<SessionView> SessionAsync() =>
        await http.GetFromJsonAsync<SessionView>("api/v1/auth/session") ?? new SessionView(null, false);

    /// <returns>Null when done, otherwise what went wrong in the API's words.</returns>
    public Task<string?> SetupAsync(string token, string password) => SendAsync(HttpMethod.Post, "api/v1/setup", new { token, password }, antiforgery: false);

    public async Task<string?> LoginAsync(string username, string password)
    {
        _antiforgery = null;
        return await SendAsync(HttpMethod.Post, "api/v1/auth/login", new { username, password }, antiforgery: false);
    }

    public async Task LogoutAsync()
    {
        _ = await SendAsync(HttpMethod.Post, "api/v1/auth/logout", null, antiforgery: false);
        _antiforgery = null;
    }

    public Task<StatusView?> StatusAsync() => http.GetFromJsonAsync<StatusView>("api/v1/status");

    public Task<string?> KillFlowAsync(ulong id) => SendAsync(HttpMethod.Delete, $"api/v1/flows/{id}", null, antiforgery: true);

    public Task<DiffView?> DiffAsync() => http.GetFromJsonAsync<DiffView>("api/v1/candidate/diff");

    /// <returns>The plan, or why there is none.</returns>
    public async Task<(PlanView? Plan, string? Error)> PlanAsync()
    {
        using var response = await SendRawAsync(HttpMethod.Post, "api/v1/candidate/plan", null);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<PlanView>(), null) : (null, await ErrorOfAsync(response));
    }

    /// <param name="confirmWithinSeconds">Null: confirmed at once.</param>
    public Task<string?> CommitAsync(string message, int? confirmWithinSeconds) =>
        SendAsync(HttpMethod.Post, "api/v1/commit", new { message, confirmWithinSeconds }, antiforgery: true);

    public Task<string?> ConfirmAsync() => SendAsync(HttpMethod.Post, "api/v1/commit/confirm", null, antiforgery: true);

    public Task<string?> RollbackAsync() => SendAsync(HttpMethod.Post, "api/v1/commit/rollback", null, antiforgery: true);

    private async Task<string?> SendAsync(HttpMethod method, string url, object? body, bool antiforgery)
    {
        if (antiforgery)
        {
            using var response = await SendRawAsync(method, url, body);
            return response.IsSuccessStatusCode ? null : await ErrorOfAsync(response);
        }
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var plain = await http.SendAsync(request);
        return plain.IsSuccessStatusCode ? null : await ErrorOfAsync(plain);
    }

    /// <summary>A change request: with the session's antiforgery token, as the API requires of browsers.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        _antiforgery ??= await http.GetFromJsonAsync<AntiforgeryToken>("api/v1/auth/antiforgery");
        request.Headers.Add(_antiforgery!.HeaderName, _antiforgery.Token);
        return await http.SendAsync(request);
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var problem = await ReadProblemAsync(response);
        return problem?.Detail ?? problem?.Title ?? $"the router answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
