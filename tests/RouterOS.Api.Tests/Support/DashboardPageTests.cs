namespace RouterOS.Api.Tests.Support;

/// <summary>
/// What every real-browser test of the dashboard starts from: the real API (its engine faked) on a
/// free loopback port, and Debian's Chromium driven by Playwright. Without Chromium the tests skip
/// with <see cref="Browser.Missing"/>.
/// </summary>
public abstract class DashboardPageTests : IAsyncLifetime
{
    protected ApiFactory Api { get; } = new();

    protected Browser? Chromium { get; private set; }

    /// <summary>Where the dashboard is served, e.g. http://127.0.0.1:41234.</summary>
    protected string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!Browser.Available)
            return;
        var port = Browser.FreePort();
        Url = $"http://127.0.0.1:{port}";
        Api.UseKestrel(port);
        Api.StartServer();
        Chromium = await Browser.LaunchAsync();
    }

    /// <summary>
    /// Puts <paramref name="config"/> in the candidate through a write token named
    /// <paramref name="tokenName"/> (which <paramref name="automation"/> keeps, as automation
    /// would), and signs a new page in as the admin.
    /// </summary>
    protected async Task<Microsoft.Playwright.IPage> SignedInWithConfigAsync(HttpClient automation, string config, string tokenName)
    {
        var page = await Chromium!.NewPageAsync();
        using var browser = await Api.CreateBrowserAsync();
        Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, tokenName, "write"));
        await automation.PutJsonAsync("/api/v1/config", config).ExpectAsync(System.Net.HttpStatusCode.OK);
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        await Api.DisposeAndDeleteAsync();
        GC.SuppressFinalize(this);
    }
}
