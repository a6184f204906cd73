using System.Net.Http.Json;
using System.Text.Json;
using RouterOS.Api.Contracts;

namespace RouterOS.Dashboard.Services;

/// <summary>
/// The dashboard's only way to the router: the public REST API, with the browser's session
/// cookie, and the antiforgery header every change needs.
/// </summary>
public sealed class RouterApi(HttpClient http)
{
    private static readonly DashboardJson Json = DashboardJson.Default;
    private AntiforgeryView? _antiforgery;

    /// <summary>After every change the router accepted, so what the pages show of the changes (<see cref="ChangeState"/>) is read again at once.</summary>
    public event Action? Wrote;

    /// <summary>For the configuration editor, which sends the domain's own JSON.</summary>
    public HttpClient Http => http;

    /// <summary>Who is signed in (if anyone), and whether first-run setup is still to do.</summary>
    public async Task<SessionView> SessionAsync() =>
        await http.GetFromJsonAsync("api/v1/auth/session", Json.SessionView) ?? new SessionView(null, false);

    /// <returns>Null when done, otherwise what went wrong in the API's words.</returns>
    public Task<string?> SetupAsync(string token, string password) =>
        SendAsync(HttpMethod.Post, "api/v1/setup", JsonContent.Create(new SetupRequest(token, password), Json.SetupRequest), antiforgery: false);

    public async Task<string?> LoginAsync(string username, string password)
    {
        _antiforgery = null;
        return await SendAsync(HttpMethod.Post, "api/v1/auth/login", JsonContent.Create(new LoginRequest(username, password), Json.LoginRequest), antiforgery: false);
    }

    public async Task LogoutAsync()
    {
        _ = await SendAsync(HttpMethod.Post, "api/v1/auth/logout", null, antiforgery: false);
        _antiforgery = null;
    }

    /// <summary>The running configuration (what the router was last committed with), or null when it cannot be read.</summary>
    public async Task<RouterOS.Domain.Model.RouterConfig?> RunningConfigAsync() =>
        RouterOS.Domain.Json.RouterConfigJson.Read(await http.GetByteArrayAsync("api/v1/config")).Config;

    public Task<StatusView?> StatusAsync() => http.GetFromJsonAsync("api/v1/status", Json.StatusView);

    public Task<string?> KillFlowAsync(ulong id) => SendAsync(HttpMethod.Delete, $"api/v1/flows/{id}", null, antiforgery: true);

    public Task<DiffView?> DiffAsync() => http.GetFromJsonAsync("api/v1/candidate/diff", Json.DiffView);

    public Task<string?> DiscardAsync() => SendAsync(HttpMethod.Delete, "api/v1/candidate", null, antiforgery: true);

    /// <returns>The plan, or why there is none.</returns>
    public async Task<(PlanView? Plan, string? Error)> PlanAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/candidate/plan");
        using var response = await SendChangeAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync(Json.PlanView), null) : (null, await ErrorOfAsync(response));
    }

    /// <param name="confirmWithinSeconds">Null: confirmed at once.</param>
    public Task<string?> CommitAsync(string message, int? confirmWithinSeconds) =>
        SendAsync(HttpMethod.Post, "api/v1/commit", JsonContent.Create(new CommitRequest(message, confirmWithinSeconds), Json.CommitRequest), antiforgery: true);

    public Task<string?> ConfirmAsync() => SendAsync(HttpMethod.Post, "api/v1/commit/confirm", null, antiforgery: true);

    public Task<string?> RollbackAsync() => SendAsync(HttpMethod.Post, "api/v1/commit/rollback", null, antiforgery: true);

    public async Task<IReadOnlyList<RevisionSummary>> RevisionsAsync() =>
        await http.GetFromJsonAsync("api/v1/revisions?take=100", Json.ListRevisionSummary) ?? [];

    public Task<DiffView?> RevisionDiffAsync(long from, long to) => http.GetFromJsonAsync($"api/v1/revisions/{from}/diff/{to}", Json.DiffView);

    public Task<string?> RollBackToAsync(long revision) => SendAsync(HttpMethod.Post, $"api/v1/revisions/{revision}/rollback", null, antiforgery: true);

    public async Task<IReadOnlyList<AuditView>> AuditAsync(int skip, int take) =>
        await http.GetFromJsonAsync($"api/v1/audit?skip={skip}&take={take}", Json.ListAuditView) ?? [];

    /// <returns>The leases, or why they cannot be read (the engine is down).</returns>
    public async Task<(IReadOnlyList<DhcpLeaseView> Leases, string? Error)> DhcpLeasesAsync()
    {
        using var response = await http.GetAsync("api/v1/dhcp/leases");
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(Json.ListDhcpLeaseView) ?? [], null)
            : ([], await ErrorOfAsync(response));
    }

    /// <returns>The running firewall rules' counters by configuration path, or why they cannot be read (the engine is down).</returns>
    public async Task<(IReadOnlyList<RuleCounterView> Counters, string? Error)> RuleCountersAsync()
    {
        using var response = await http.GetAsync("api/v1/firewall/counters");
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync(Json.ListRuleCounterView) ?? [], null)
            : ([], await ErrorOfAsync(response));
    }

    /// <returns>Null when the session is being dialled again; otherwise why not.</returns>
    public Task<string?> ReconnectAsync(string uplink) =>
        SendAsync(HttpMethod.Post, $"api/v1/pppoe/{Uri.EscapeDataString(uplink)}/reconnect", null, antiforgery: true);

    public async Task<IReadOnlyList<TokenView>> TokensAsync() => await http.GetFromJsonAsync("api/v1/tokens", Json.ListTokenView) ?? [];

    /// <param name="expiresAt">Null: valid until revoked.</param>
    /// <returns>The token (shown this once), or why there is none.</returns>
    public async Task<(CreatedToken? Token, string? Error)> CreateTokenAsync(string name, TokenScope scope, DateTimeOffset? expiresAt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tokens") { Content = JsonContent.Create(new TokenRequest(name, scope, expiresAt), Json.TokenRequest) };
        using var response = await SendChangeAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync(Json.CreatedToken), null) : (null, await ErrorOfAsync(response));
    }

    public Task<string?> RevokeTokenAsync(string name) => SendAsync(HttpMethod.Delete, $"api/v1/tokens/{Uri.EscapeDataString(name)}", null, antiforgery: true);

    /// <returns>Null when changed, otherwise why not in the API's words ("newPassword: ...", "currentPassword: ...").</returns>
    public Task<string?> ChangePasswordAsync(string currentPassword, string newPassword) =>
        SendAsync(HttpMethod.Post, "api/v1/auth/password", JsonContent.Create(new PasswordChangeRequest(currentPassword, newPassword), Json.PasswordChangeRequest), antiforgery: true);

    /// <summary>The browsers signed in as this admin, this one marked.</summary>
    public async Task<IReadOnlyList<SessionInfo>> SessionsAsync() => await http.GetFromJsonAsync("api/v1/auth/sessions", Json.ListSessionInfo) ?? [];

    /// <summary>Ends every session of this account, this browser's too.</summary>
    public Task<string?> SignOutEverywhereAsync() => SendAsync(HttpMethod.Delete, "api/v1/auth/sessions", null, antiforgery: true);

    public Task<string?> RevokeSessionAsync(string id) => SendAsync(HttpMethod.Delete, $"api/v1/auth/sessions/{Uri.EscapeDataString(id)}", null, antiforgery: true);

    /// <summary>A change request: with the session's antiforgery token, as the API requires of browsers.</summary>
    public Task<HttpResponseMessage> SendChangeAsync(HttpRequestMessage request) =>
        SendChangeAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);

    /// <param name="completion">ResponseHeadersRead: the answer's body is read as it arrives (a streamed answer).</param>
    public async Task<HttpResponseMessage> SendChangeAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _antiforgery ??= await http.GetFromJsonAsync("api/v1/auth/antiforgery", Json.AntiforgeryView, cancellationToken);
        request.Headers.Add(_antiforgery!.HeaderName, _antiforgery.Token);
        var response = await http.SendAsync(request, completion, cancellationToken);
        // Not after the account's own requests: a revoked session of this browser would read the status only to be refused.
        if (response.IsSuccessStatusCode && request.RequestUri?.OriginalString.Contains("api/v1/auth/", StringComparison.Ordinal) != true)
            Wrote?.Invoke();
        return response;
    }

    public static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadFromJsonAsync(Json.Problem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string?> SendAsync(HttpMethod method, string url, HttpContent? body, bool antiforgery)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body };
        using var response = antiforgery ? await SendChangeAsync(request) : await http.SendAsync(request);
        return response.IsSuccessStatusCode ? null : await ErrorOfAsync(response);
    }

    /// <summary>What went wrong, in the API's words (the problem's detail), or the status when it sent no problem.</summary>
    public static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var problem = await ReadProblemAsync(response);
        return problem?.Detail ?? problem?.Title ?? $"the router answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }
}
