using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace RouterOS.Api.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (`playwright install` cannot download here), launched
/// with the flags a sandboxed CI machine needs. Collects console errors; saves screenshots to
/// artifacts/test-results/screenshots.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Missing = $"needs Chromium at {Chromium} (make test installs it)";
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static bool Available => File.Exists(Chromium);

    public List<string> ConsoleErrors { get; } = [];

    public static async Task<Browser> LaunchAsync()
    {
        // Assertions wait as long as actions do (NewPageAsync): after a full page load the app
        // starts again, which on a busy 2-core machine takes longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ChromiumArguments, Headless = true });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Add(message.Text);
        };
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>A form field's input, wherever the component put the test id (on the input or around it).</summary>
    public static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>The text around a field: its label, value and the error shown under it.</summary>
    public static ILocator FieldBox(IPage page, string testId) => Field(page, testId).Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");

    /// <summary>Picks <paramref name="option"/> in a MudSelect.</summary>
    public static async Task SelectAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").First.Locator("xpath=ancestor-or-self::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
