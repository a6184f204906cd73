using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RouterOS.Api.Hosting;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>HTTPS with the router's own certificate, plain HTTP only on loopback, Secure cookies, and Host checked against DNS rebinding.</summary>
public sealed class WebSecurityTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new(httpsPort: 8443);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    private HttpClient Client(string baseAddress, string? remote = null)
    {
        var client = _api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        return remote is null ? client : TestRemoteAddress.From(client, remote);
    }

    [Fact]
    public async Task Plain_http_from_the_network_is_redirected_to_https_and_loopback_is_not()
    {
        using var response = await Client("http://localhost:8080", "192.168.1.10").Get("/api/v1/auth/session?x=1");
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://localhost:8443/api/v1/auth/session?x=1", response.Headers.Location?.ToString());

        await Client("http://127.0.0.1:8080", "127.0.0.1").Get("/api/v1/auth/session").ExpectAsync(HttpStatusCode.OK);
        await Client("http://[::1]:8080", "::1").Get("/api/v1/auth/session").ExpectAsync(HttpStatusCode.OK);
        await Client("https://localhost", "192.168.1.10").Get("/api/v1/auth/session").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cookies_are_secure_over_https_and_loopback_http_still_signs_in()
    {
        var setupToken = _api.Services.GetRequiredService<Auth.SetupToken>().Value;
        var secure = Client("https://localhost", "192.168.1.10");
        await secure.PostJsonAsync("/api/v1/setup", $$"""{ "token": "{{setupToken}}", "password": "{{Onboarding.AdminPassword}}" }""").ExpectAsync(HttpStatusCode.Created);
        using var overHttps = await secure.PostJsonAsync("/api/v1/auth/login", $$"""{ "username": "admin", "password": "{{Onboarding.AdminPassword}}" }""");
        Assert.Equal(HttpStatusCode.NoContent, overHttps.StatusCode);
        Assert.Contains("secure", Assert.Single(overHttps.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        var local = Client("http://127.0.0.1:8080", "127.0.0.1");
        await Onboarding.SignInAsync(local, null);
        await local.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("localhost:8080", true)]
    [InlineData("127.0.0.1:8080", true)]
    [InlineData("[::1]:8443", true)]
    [InlineData("router.lan", true)] // configured
    [InlineData("attacker.example", false)]
    [InlineData("attacker.example:8080", false)]
    [InlineData("192.0.2.77", false)] // not one of this host's addresses
    public async Task Only_the_routers_own_names_and_addresses_are_accepted_as_host(string host, bool accepted)
    {
        await using var api = new ApiFactory(_api.DataDirectory, httpsPort: 8443).WithWebHostBuilder(web => web.UseSetting("RouterOS:HostNames:0", "router.lan"));
        var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_configured_hostname_and_its_lan_domain_name_are_accepted_as_host_and_follow_commits()
    {
        using var automation = await _api.CreateTokenClientAsync();
        await automation.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK); // DHCP domain "lan"
        await automation.PutJsonAsync("/api/v1/system", """{ "hostname": "edge-one" }""").ExpectAsync(HttpStatusCode.OK);

        // Only in the candidate: not the router's name yet.
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHostAsync("edge-one"));
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "named edge-one" }""").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, await StatusWithHostAsync("edge-one"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithHostAsync("EDGE-ONE.lan:8443"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithHostAsync("edge-one.lan."));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHostAsync("edge-one.attacker.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHostAsync("attacker.example"));

        // A new name committed replaces the old one, without a restart.
        await automation.PutJsonAsync("/api/v1/system", """{ "hostname": "edge-two" }""").ExpectAsync(HttpStatusCode.OK);
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "renamed" }""").ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, await StatusWithHostAsync("edge-two.lan"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHostAsync("edge-one"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusWithHostAsync("edge-one.lan"));
    }

    private async Task<HttpStatusCode> StatusWithHostAsync(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/session");
        request.Headers.Host = host;
        using var response = await _api.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("""{ "schemaVersion": 1 }""", new string[0])]
    [InlineData("""{ "schemaVersion": 1, "system": { "hostname": "gw" } }""", new[] { "gw" })]
    [InlineData("""{ "schemaVersion": 1, "system": { "hostname": "gw" }, "dhcp": { "servers": [ { "device": "br0", "rangeStart": "10.0.0.10", "rangeEnd": "10.0.0.20", "domain": "home.arpa" }, { "device": "br1", "rangeStart": "10.1.0.10", "rangeEnd": "10.1.0.20", "domain": "guest.lan", "enabled": false }, { "device": "br2", "rangeStart": "10.2.0.10", "rangeEnd": "10.2.0.20" } ] } }""",
        new[] { "gw", "gw.home.arpa", "gw.guest.lan" })]
    [InlineData("""{ "schemaVersion": 1, "dhcp": { "servers": [ { "device": "br0", "rangeStart": "10.0.0.10", "rangeEnd": "10.0.0.20", "domain": "lan" } ] } }""", new string[0])] // no hostname: no name
    public void The_configured_names_are_the_hostname_and_the_hostname_in_each_dhcp_domain(string? config, string[] expected)
    {
        var parsed = config is null ? null : Domain.Json.RouterConfigJson.Read(System.Text.Encoding.UTF8.GetBytes(config)).Config;

        Assert.Equal(expected.Order(), ConfiguredHostNames.NamesOf(parsed).Order());
    }

    [Fact]
    public async Task The_certificate_is_made_once_kept_owner_only_in_the_keys_directory_and_its_fingerprint_is_in_the_status()
    {
        using var browser = await _api.CreateBrowserAsync();
        var status = await browser.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        var path = Path.Combine(_api.DataDirectory, "keys", HttpsCertificate.FileName);
        using var stored = X509CertificateLoader.LoadPkcs12FromFile(path, null);
        Assert.Equal(HttpsCertificate.FingerprintOf(stored), status["certificateSha256"]!.GetValue<string>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_api.DataDirectory, "keys")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_api.DataDirectory, "keys"), "*.xml")); // the cookie's data protection key
        Assert.All(Directory.GetFiles(Path.Combine(_api.DataDirectory, "keys"), "*.xml"),
            key => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key)));
        Assert.Contains(stored.GetNameInfo(X509NameType.DnsName, false), new[] { Dns.GetHostName(), "localhost" });
    }

    [Fact]
    public async Task The_api_process_serves_https_with_the_certificate_whose_fingerprint_it_printed()
    {
        var data = Path.Combine(Path.GetTempPath(), "routeros-api-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(data, Path.Combine(data, "no-engine.sock"));
            byte[]? seen = null;
            using var handler = new HttpClientHandler
            {
                // Self-signed: what a browser asks the admin to check, this test checks against the printed line.
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                {
                    seen = certificate?.RawData;
                    return true;
                },
            };
            using var https = new HttpClient(handler) { BaseAddress = api.HttpsAddress };
            await https.Get("/api/v1/auth/session").ExpectAsync(HttpStatusCode.OK);

            Assert.NotNull(seen);
            Assert.Equal(await api.PrintedFingerprint, HttpsCertificate.FingerprintOf(X509CertificateLoader.LoadCertificate(seen)));
            using var http = api.Client();
            await http.Get("/api/v1/auth/session").ExpectAsync(HttpStatusCode.OK); // loopback: plain HTTP served as before
        }
        finally
        {
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }
}
