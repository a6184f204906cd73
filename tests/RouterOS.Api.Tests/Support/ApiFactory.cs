using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// The real API over a real SQLite file in a directory of its own, with the engine replaced by
/// <see cref="FakeEngine"/> and the clock by a <see cref="FakeTimeProvider"/>. Two factories
/// given the same directory are the same router restarted.
/// </summary>
/// <param name="engineSocket">Set: talk to a real engine on this socket instead of the double.</param>
/// <param name="systemClock">Keep the real clock (a browser counting down a confirm window against the real engine).</param>
/// <param name="settings">More "RouterOS:..." settings, e.g. a small audit cap.</param>
/// <param name="httpsPort">Where plain HTTP from the network is redirected; 0 (the default here): no HTTPS, so tests that listen for real never collide on a port.</param>
public sealed class ApiFactory(string? dataDirectory = null, FakeTimeProvider? time = null, string? engineSocket = null, bool systemClock = false,
    IReadOnlyDictionary<string, string>? settings = null, int httpsPort = 0) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "routeros-api-tests", Guid.NewGuid().ToString("N"));

    public FakeEngine Engine { get; } = new();

    public FakeEngineSystem EngineSystem { get; } = new();

    public RequestAborts Aborts { get; } = new();

    public FakeTimeProvider Time { get; } = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RouterOS:DataDirectory", DataDirectory);
        builder.UseSetting("RouterOS:AllowRoot", "true"); // CI runs the tests as root
        builder.UseSetting("RouterOS:MaxRequestBodyBytes", "262144");
        builder.UseSetting("RouterOS:HttpsPort", httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (engineSocket is not null)
            builder.UseSetting("RouterOS:EngineSocket", engineSocket);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter>(Aborts);
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
            if (engineSocket is null)
            {
                services.RemoveAll<IEngineClient>();
                services.AddSingleton<IEngineClient>(Engine);
                services.RemoveAll<IEngineSystemClient>();
                services.AddSingleton<IEngineSystemClient>(EngineSystem);
            }
            if (!systemClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    /// <summary>A signed-in browser session of the admin (setting the password first if needed).</summary>
    public async Task<HttpClient> CreateBrowserAsync()
    {
        var browser = CreateClient();
        await Onboarding.SignInAsync(browser, Services.GetRequiredService<Auth.SetupToken>().Value);
        return browser;
    }

    /// <summary>A client with a bearer token of the given scope, as automation uses.</summary>
    public async Task<HttpClient> CreateTokenClientAsync(string scope = "write", string? name = null)
    {
        using var browser = await CreateBrowserAsync();
        var token = await Onboarding.CreateTokenAsync(browser, name ?? $"test-{scope}-{Guid.NewGuid():N}"[..20], scope);
        return CreateTokenClient(token);
    }

    public HttpClient CreateTokenClient(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Onboarding.UseToken(client, token);
        return client;
    }

    /// <summary>Removes the data directory too; call it for the last factory of a directory.</summary>
    public async Task DisposeAndDeleteAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
