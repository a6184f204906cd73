using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RouterOS.Api.Auth;

namespace RouterOS.Api.Bench;

/// <summary>First-run setup of a fresh API, then a write-scope bearer token, as automation would get one.</summary>
internal static class Onboarding
{
    public static async Task<string> TokenAsync(string url, string setupToken)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(url) };
        const string password = "benchmark admin password";
        (await browser.PostAsync("/api/v1/setup", Json($$"""{ "token": "{{setupToken}}", "password": "{{password}}" }"""))).EnsureSuccessStatusCode();
        (await browser.PostAsync("/api/v1/auth/login", Json($$"""{ "username": "admin", "password": "{{password}}" }"""))).EnsureSuccessStatusCode();
        var antiforgery = JsonNode.Parse(await browser.GetStringAsync("/api/v1/auth/antiforgery"))!;
        browser.DefaultRequestHeaders.Add(AuthNames.AntiforgeryHeader, antiforgery["token"]!.GetValue<string>());
        var created = await browser.PostAsync("/api/v1/tokens", Json("""{ "name": "bench", "scope": "write" }"""));
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
