using System.Net;
using System.Net.Http.Headers;

namespace RouterOS.Api.Tests.Support;

/// <summary>What a new administrator does first: set the password with the setup token, sign in, make an API token.</summary>
public static class Onboarding
{
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>Sets up (if a setup token is given), signs the cookie client in and makes it send its antiforgery token.</summary>
    public static async Task SignInAsync(HttpClient browser, string? setupToken)
    {
        if (setupToken is not null)
            await browser.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{setupToken}}", "password": "{{AdminPassword}}" }""").ExpectAsync(HttpStatusCode.Created);
        await browser.PostJsonAsync("/api/v1/auth/login", $$"""{ "username": "admin", "password": "{{AdminPassword}}" }""").ExpectAsync(HttpStatusCode.NoContent);
        var antiforgery = await browser.Get("/api/v1/auth/antiforgery").ExpectAsync(HttpStatusCode.OK);
        browser.DefaultRequestHeaders.Add(antiforgery["headerName"]!.GetValue<string>(), antiforgery["token"]!.GetValue<string>());
    }

    public static async Task<string> CreateTokenAsync(HttpClient signedIn, string name, string scope)
    {
        var created = await signedIn.PostJsonAsync("/api/v1/tokens", $$"""{ "name": "{{name}}", "scope": "{{scope}}" }""").ExpectAsync(HttpStatusCode.Created);
        return created["token"]!.GetValue<string>();
    }

    public static void UseToken(HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
