using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Auth;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private string SetupToken => _api.Services.GetRequiredService<SetupToken>().Value!;

    [Fact]
    public async Task There_is_no_default_password_and_nothing_answers_without_a_sign_in()
    {
        var anonymous = _api.CreateClient();
        await anonymous.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
        await anonymous.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.Unauthorized);
        await anonymous.PostJsonAsync("/api/v1/auth/login", """{ "username": "admin", "password": "admin" }""").ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Matches("^[0-9a-f]{32}$", SetupToken);
    }

    [Fact]
    public async Task Setup_needs_the_token_and_a_real_password_and_happens_once()
    {
        var client = _api.CreateClient();
        await client.PostJsonAsync("/api/v1/setup", """{ "token": "guess", "password": "long enough password" }""").ExpectAsync(HttpStatusCode.Forbidden);
        await client.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{SetupToken}}", "password": "short" }""").ExpectAsync(HttpStatusCode.BadRequest);
        await client.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{SetupToken}}", "password": "long enough password" }""").ExpectAsync(HttpStatusCode.Created);
        await client.PostJsonAsync("/api/v1/setup", """{ "token": "x", "password": "another long password" }""").ExpectAsync(HttpStatusCode.Conflict);
        Assert.Null(_api.Services.GetRequiredService<SetupToken>().Value);
    }

    [Fact]
    public async Task A_read_token_reads_but_cannot_change_anything()
    {
        var reader = await _api.CreateTokenClientAsync("read");
        await reader.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK);
        await reader.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.Forbidden);
        await reader.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Forbidden);
        await reader.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK); // a plan changes nothing
    }

    [Fact]
    public async Task Tokens_are_shown_once_listed_without_secrets_stored_hashed_and_revocable()
    {
        using var browser = await _api.CreateBrowserAsync();
        var token = await Onboarding.CreateTokenAsync(browser, "ansible", "write");
        Assert.StartsWith(AuthNames.TokenPrefix, token, StringComparison.Ordinal);

        var list = await browser.Get("/api/v1/tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("write", Assert.Single(list.AsArray())!["scope"]!.GetValue<string>());
        Assert.DoesNotContain(token, list.Text(), StringComparison.Ordinal);
        Assert.Contains("ansible", ReadStore(), StringComparison.Ordinal); // the store is readable: the name is there
        Assert.DoesNotContain(token, ReadStore(), StringComparison.Ordinal);

        var automation = _api.CreateTokenClient(token);
        await automation.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
        await automation.Get("/api/v1/tokens").ExpectAsync(HttpStatusCode.Unauthorized);
        await browser.Delete("/api/v1/tokens/ansible").ExpectAsync(HttpStatusCode.NoContent);
        await automation.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_session_must_send_its_antiforgery_token_to_change_anything()
    {
        using var browser = await _api.CreateBrowserAsync();
        await browser.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.OK);

        browser.DefaultRequestHeaders.Remove(AuthNames.AntiforgeryHeader);
        var problem = await browser.PutJsonAsync("/api/v1/ports/eth1", """{ "name": "eth1" }""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("antiforgery", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await browser.Get("/api/v1/ports").ExpectAsync(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task Every_write_is_audited_with_who_what_and_from_where()
    {
        var writer = await _api.CreateTokenClientAsync(name: "auditme");
        await writer.PutJsonAsync("/api/v1/ports/eth0", """{ "name": "eth0" }""").ExpectAsync(HttpStatusCode.OK);
        await writer.Get("/api/v1/ports").ExpectAsync(HttpStatusCode.OK);
        await writer.Post("/api/v1/candidate/plan").ExpectAsync(HttpStatusCode.OK);

        var audit = await writer.Get("/api/v1/audit").ExpectAsync(HttpStatusCode.OK);

        var newest = audit.AsArray()[0]!;
        Assert.Equal(("auditme", "token:auditme", "PUT", "/api/v1/ports/eth0", 200),
            (newest["actor"]!.GetValue<string>(), newest["source"]!.GetValue<string>(), newest["method"]!.GetValue<string>(), newest["path"]!.GetValue<string>(), newest["status"]!.GetValue<int>()));
        Assert.DoesNotContain(audit.AsArray(), a => a!["method"]!.GetValue<string>() == "GET");
        Assert.DoesNotContain(audit.AsArray(), a => a!["path"]!.GetValue<string>() == "/api/v1/candidate/plan");
    }

    [Fact]
    public async Task The_pppoe_password_is_encrypted_at_rest()
    {
        var writer = await _api.CreateTokenClientAsync();
        await writer.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        await writer.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("change-me", _api.Engine.Applied[0].Config.Pppoe[0].Password.Reveal());
        Assert.Contains("customer@isp.example", ReadStore(), StringComparison.Ordinal); // the store is readable: the user name is there
        Assert.DoesNotContain("change-me", ReadStore(), StringComparison.Ordinal);
    }

    // The SQLite file and its WAL, as raw text: what someone who copied the files would see.
    private string ReadStore() => string.Concat(Directory.GetFiles(_api.DataDirectory, "routeros.db*")
        .Select(f => Encoding.Latin1.GetString(ReadShared(f))));

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
