using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// How the dashboard's files are served, so that a reload downloads nothing but revalidations
/// (issue 23): the runtime's files under fingerprinted names are cached for a year and never asked
/// for again; index.html and dotnet.js (the runtime's boot manifest, which lists those names) are
/// revalidated every time; each file is sent compressed when the client accepts it. The page the
/// browser shows while the app starts is in index.html itself.
/// </summary>
public sealed partial class DashboardDeliveryTests : IAsyncLifetime
{
    // In Development (the tests' environment) MapStaticAssets sends everything no-cache, so that an
    // edited file is seen at once, unless told to keep the headers it ships with.
    private readonly ApiFactory _api = new(settings: new Dictionary<string, string> { ["EnableStaticAssetsDevelopmentCaching"] = "true" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _api.DisposeAndDeleteAsync();

    [GeneratedRegex("""System\.Private\.CoreLib\.[a-z0-9]{6,}\.wasm""")]
    private static partial Regex FingerprintedCoreLib();

    [Fact]
    public async Task A_fingerprinted_framework_file_is_immutable_and_compressed_when_accepted()
    {
        using var client = _api.CreateClient();
        var manifest = await GetAsync(client, "/_framework/dotnet.js", "identity");
        var name = FingerprintedCoreLib().Match(await manifest.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(name.Success, "dotnet.js names no fingerprinted System.Private.CoreLib");

        // The build compresses with gzip; the Release publish adds Brotli (scripts/dashboard-load-bench.sh checks br).
        var compressed = await GetAsync(client, $"/_framework/{name.Value}", "gzip");
        var plain = await GetAsync(client, $"/_framework/{name.Value}", "identity");

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        foreach (var response in new[] { compressed, plain })
        {
            Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), $"Cache-Control: {response.Headers.CacheControl}");
            Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        }
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/index.html")]
    [InlineData("/firewall")]
    [InlineData("/_framework/dotnet.js")]
    [InlineData("/_framework/blazor.webassembly.js")]
    public async Task The_page_and_the_boot_manifest_are_revalidated_on_every_load(string path)
    {
        using var client = _api.CreateClient();

        var response = await GetAsync(client, path, "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: Cache-Control: {response.Headers.CacheControl}");
        Assert.NotNull(response.Headers.ETag);
        if (!path.StartsWith("/_framework/", StringComparison.Ordinal) && path != "/index.html")
            await AssertNotModifiedAsync(client, path, response);
    }

    // The page served for the app's routes (MapFallbackToFile) answers a revalidation with 304.
    // (The files MapStaticAssets serves do too in a Release publish; its Development handler, which
    // the tests run under, answers 200.)
    private static async Task AssertNotModifiedAsync(HttpClient client, string path, HttpResponseMessage response)
    {
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        using var revalidated = await client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task The_routers_address_sends_a_signed_out_browser_to_setup_then_to_sign_in_and_a_signed_in_one_to_the_app()
    {
        using var before = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var toSetup = await GetAsync(before, "/", "gzip");
        Assert.Equal(HttpStatusCode.Redirect, toSetup.StatusCode);
        Assert.Equal("/setup", toSetup.Headers.Location?.OriginalString);
        Assert.True(toSetup.Headers.CacheControl?.NoStore, $"Cache-Control: {toSetup.Headers.CacheControl}");
        // A deep link keeps its address: the app sends it to sign-in itself, and back after.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(before, "/firewall", "gzip")).StatusCode);

        using var signedIn = await _api.CreateBrowserAsync();
        using var signedOut = _api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var toSignIn = await GetAsync(signedOut, "/", "gzip");
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal("/login", toSignIn.Headers.Location?.OriginalString);

        var app = await GetAsync(signedIn, "/", "identity");
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Equal("/", app.RequestMessage?.RequestUri?.AbsolutePath); // served, not sent on
        Assert.Contains("blazor.webassembly.js", await app.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/login", "username")]
    [InlineData("/setup", "setup-token")]
    public async Task Sign_in_and_setup_come_with_their_form_rendered_and_waiting_for_the_app(string path, string field)
    {
        using var client = _api.CreateClient();

        var response = await GetAsync(client, path, "identity");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: Cache-Control: {response.Headers.CacheControl}");
        Assert.Matches($"<input [^>]*data-testid=\"{field}\"[^>]* disabled", html);
        Assert.DoesNotContain("data-testid=\"skeleton\"", html, StringComparison.Ordinal);
        Assert.Contains("blazor.webassembly.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_html_draws_the_app_bar_and_a_page_outline_and_lets_the_runtime_use_the_cache()
    {
        using var client = _api.CreateClient();

        var html = await (await GetAsync(client, "/firewall", "identity")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"skeleton\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"skeleton-bar\">RouterOS<", html, StringComparison.Ordinal);
        Assert.Contains("css/skeleton.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading RouterOS", html, StringComparison.Ordinal);
        Assert.Contains("disableNoCacheFetch: true", html, StringComparison.Ordinal);
        var css = await GetAsync(client, "/css/skeleton.css", "identity");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains(".skeleton-bar", await css.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
