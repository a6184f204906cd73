using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// What every lab browser test starts from: the real engine in a test namespace, the API on a free
/// loopback port talking to it, Debian's Chromium on the dashboard, and first-run setup done in the
/// page (the dashboard signs in). Disposed in reverse: browser, API, engine.
/// </summary>
internal sealed class EngineDashboard : IAsyncDisposable
{
    private readonly InProcessEngine _engine;

    private EngineDashboard(InProcessEngine engine, ApiFactory api, string url, Browser browser, IPage page) =>
        (_engine, Api, Url, Browser, Page) = (engine, api, url, browser, page);

    public ApiFactory Api { get; }
    public string Url { get; }
    public Browser Browser { get; }
    public IPage Page { get; }

    public static async Task<EngineDashboard> SetUpAsync(string routerNamespace, TimeSpan flowInterval)
    {
        var engine = await InProcessEngine.StartAsync(routerNamespace, flowInterval);
        ApiFactory? api = null;
        Browser? browser = null;
        try
        {
            var port = Browser.FreePort();
            api = new ApiFactory(engineSocket: engine.Socket, systemClock: true);
            api.UseKestrel(port);
            api.StartServer();
            var url = $"http://127.0.0.1:{port}";
            browser = await Browser.LaunchAsync();
            var page = await browser.NewPageAsync();
            // The real engine reports flows every few hundred ms and a commit takes its time on a busy machine.
            Assertions.SetDefaultExpectTimeout(20_000);

            await page.GotoAsync($"{url}/setup");
            await Browser.Field(page, "setup-token").FillAsync(api.Services.GetRequiredService<Auth.SetupToken>().Value!);
            await Browser.Field(page, "new-password").FillAsync(Onboarding.AdminPassword);
            await page.GetByTestId("set-up").ClickAsync();
            await page.GetByTestId("signed-in-as").WaitForAsync();
            return new EngineDashboard(engine, api, url, browser, page);
        }
        catch
        {
            if (browser is not null)
                await browser.DisposeAsync();
            if (api is not null)
                await api.DisposeAsync();
            await engine.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Api.DisposeAsync();
        await _engine.DisposeAsync();
    }
}
