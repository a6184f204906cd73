using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Auth;
using RouterOS.Api.Store;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>The admin's own account: password change, browser sessions and token expiry.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private const string NewPassword = "a brand new long password";

    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_signs_other_browsers_out()
    {
        using var browser = await _api.CreateBrowserAsync();
        using var other = await _api.CreateBrowserAsync();

        await browser.PostJsonAsync("/api/v1/auth/password", $$"""{ "currentPassword": "not the password", "newPassword": "{{NewPassword}}" }""").ExpectAsync(HttpStatusCode.Forbidden);
        await browser.PostJsonAsync("/api/v1/auth/password", $$"""{ "currentPassword": "{{Onboarding.AdminPassword}}", "newPassword": "short" }""").ExpectAsync(HttpStatusCode.BadRequest);
        await browser.PostJsonAsync("/api/v1/auth/password", $$"""{ "currentPassword": "{{Onboarding.AdminPassword}}", "newPassword": "{{NewPassword}}" }""").ExpectAsync(HttpStatusCode.NoContent);

        await browser.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        await other.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        var anonymous = _api.CreateClient();
        await anonymous.PostJsonAsync("/api/v1/auth/login", $$"""{ "username": "admin", "password": "{{Onboarding.AdminPassword}}" }""").ExpectAsync(HttpStatusCode.Unauthorized);
        await anonymous.PostJsonAsync("/api/v1/auth/login", $$"""{ "username": "admin", "password": "{{NewPassword}}" }""").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_token_can_neither_change_the_password_nor_see_the_sessions()
    {
        var automation = await _api.CreateTokenClientAsync("write");
        await automation.PostJsonAsync("/api/v1/auth/password", $$"""{ "currentPassword": "{{Onboarding.AdminPassword}}", "newPassword": "{{NewPassword}}" }""").ExpectAsync(HttpStatusCode.Forbidden);
        await automation.Get("/api/v1/auth/sessions").ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_browser_session_must_send_its_antiforgery_token_to_change_the_password()
    {
        using var browser = await _api.CreateBrowserAsync();
        browser.DefaultRequestHeaders.Remove(AuthNames.AntiforgeryHeader);
        await browser.PostJsonAsync("/api/v1/auth/password", $$"""{ "currentPassword": "{{Onboarding.AdminPassword}}", "newPassword": "{{NewPassword}}" }""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sessions_are_listed_and_a_revoked_one_is_signed_out_at_its_next_request()
    {
        using var browser = await _api.CreateBrowserAsync();
        using var laptop = _api.CreateClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        await Onboarding.SignInAsync(laptop, null);

        var sessions = (await browser.Get("/api/v1/auth/sessions").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s!["current"]!.GetValue<bool>());
        var laptopSession = Assert.Single(sessions, s => s!["userAgent"]?.GetValue<string>() == "Laptop/1.0")!;
        Assert.False(laptopSession["current"]!.GetValue<bool>());

        await laptop.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        await browser.Delete($"/api/v1/auth/sessions/{laptopSession["id"]!.GetValue<string>()}").ExpectAsync(HttpStatusCode.NoContent);
        await laptop.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        await browser.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        await browser.Delete("/api/v1/auth/sessions/nosuchsession").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copy_of_the_cookie()
    {
        using var browser = await _api.CreateBrowserAsync();
        var copy = _api.CreateClient(new() { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", await CookieOfAsync(browser));
        await copy.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        await browser.Post("/api/v1/auth/logout").ExpectAsync(HttpStatusCode.NoContent);

        await copy.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_listed_as_expired()
    {
        using var browser = await _api.CreateBrowserAsync();
        var expires = _api.Time.GetUtcNow().AddDays(30);
        var created = await browser.PostJsonAsync("/api/v1/tokens", $$"""{ "name": "monthly", "scope": "read", "expiresAt": "{{expires:O}}" }""").ExpectAsync(HttpStatusCode.Created);
        var token = _api.CreateTokenClient(created["token"]!.GetValue<string>());
        await token.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        _api.Time.Advance(TimeSpan.FromDays(30));

        await token.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        await browser.Get("/api/v1/tokens").ExpectAsync(HttpStatusCode.Unauthorized); // idle for 30 days: signed out too
        browser.DefaultRequestHeaders.Remove(AuthNames.AntiforgeryHeader);
        await Onboarding.SignInAsync(browser, null);
        var listed = Assert.Single((await browser.Get("/api/v1/tokens").ExpectAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.True(listed["expired"]!.GetValue<bool>());
        await browser.PostJsonAsync("/api/v1/tokens", $$"""{ "name": "past", "scope": "read", "expiresAt": "{{_api.Time.GetUtcNow().AddMinutes(-1):O}}" }""").ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_setup_that_fails_to_save_leaves_the_setup_token_usable()
    {
        await using var api = new ApiFactory(_api.DataDirectory);
        var token = api.Services.GetRequiredService<SetupToken>().Value!;
        var client = api.CreateClient();

        await using (await FailingSavesAsync(api, "Users"))
            await client.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{token}}", "password": "{{Onboarding.AdminPassword}}" }""").ExpectAsync(HttpStatusCode.InternalServerError);

        Assert.Equal(token, api.Services.GetRequiredService<SetupToken>().Value);
        await client.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{token}}", "password": "{{Onboarding.AdminPassword}}" }""").ExpectAsync(HttpStatusCode.Created);
        Assert.Null(api.Services.GetRequiredService<SetupToken>().Value);
    }

    private static async Task<string> CookieOfAsync(HttpClient browser)
    {
        // The test server's client keeps cookies in a handler we cannot reach; read the session cookie by signing in anew.
        using var response = await browser.PostJsonAsync("/api/v1/auth/login", $$"""{ "username": "admin", "password": "{{Onboarding.AdminPassword}}" }""");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("routeros.session=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    /// <summary>
    /// Makes every insert into <paramref name="table"/> fail, as a full disk or a lost store would, until
    /// disposed: a trigger in the store itself, so the API runs unchanged.
    /// </summary>
    private static async Task<IAsyncDisposable> FailingSavesAsync(ApiFactory api, string table)
    {
        var connection = await api.Services.GetRequiredService<RouterDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        await Sql(connection, $"""CREATE TRIGGER "FailingSave" BEFORE INSERT ON "{table}" BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;""");
        return new Disarm(connection);
    }

    private static async Task Sql(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private sealed class Disarm(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Sql(connection, """DROP TRIGGER "FailingSave";""");
            await connection.DisposeAsync();
        }
    }
}
