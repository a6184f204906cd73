using System.Text.Json;
using Microsoft.Playwright;

namespace RouterOS.Dashboard.Bench;

/// <summary>
/// Debian's Chromium driven by Playwright, as the dashboard's tests drive it (Support/Browser.cs):
/// each visit in a new context (an empty cache, like a first visit), then a reload of the same tab,
/// which keeps the HTTP cache as a browser does. Bytes are the network's encoded lengths, from the
/// DevTools protocol (Network.loadingFinished), so a 304 or a cached file counts what it really cost.
/// </summary>
internal sealed class PageLoad : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    // The app's first page: sign-in, or setup on a router nobody has set up yet. Its field is in the
    // page once the HTML is (rendered at build time) or once the app rendered it; it is usable once
    // the app runs (the field is enabled).
    private const string Content = "[data-testid=username], [data-testid=setup-token]";
    private const string Usable = "[data-testid=username]:enabled, [data-testid=setup-token]:enabled";
    // A signed-in administrator's reload of a page: the app running with who is signed in (in the
    // app bar), then the page with the router's data (the Interfaces page's ports, read from the API).
    private const string SignedInApp = "[data-testid=signed-in-as]";
    private const string SignedInData = "[data-testid=section-ports]";
    private const string Password = "bench-password-0123";
    // Noted by the page itself as they happen: when the field first was in the page, and when it
    // first was enabled.
    private const string NoteTimes = """
        new MutationObserver((_, observer) => {
          const now = performance.now();
          if (window.__content === undefined && document.querySelector('CONTENT') !== null) window.__content = now;
          if (window.__usable === undefined && document.querySelector('USABLE') !== null) {
            window.__usable = now;
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
        """;
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PageLoad(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<PageLoad> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ChromiumArguments, Headless = true });
        return new PageLoad(playwright, browser);
    }

    public async Task<(LoadResult First, LoadResult Reload)> VisitAsync(string url)
    {
        await using var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var (page, traffic) = await OpenAsync(context, Content, Usable);
        var first = await TimeAsync(page, traffic, Usable, () => page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit }));
        // Let the app settle (its first API calls) before the reload, as a person would.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var reload = await TimeAsync(page, traffic, Usable, () => page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit }));
        return (first, reload);
    }

    /// <summary>
    /// Sets the router up with <paramref name="setupToken"/> in the browser, as its new administrator
    /// does, opens the Interfaces page and reloads it <paramref name="runs"/> times (after one not
    /// counted): content is the app running and signed in, usable the page showing the router's data.
    /// </summary>
    public async Task<IReadOnlyList<LoadResult>> SignedInReloadsAsync(string url, string setupToken, int runs)
    {
        await using var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var (page, traffic) = await OpenAsync(context, SignedInApp, SignedInData);
        await page.GotoAsync(new Uri(new Uri(url), "setup").ToString());
        await page.Locator("input[data-testid=setup-token]:enabled").FillAsync(setupToken);
        await page.Locator("input[data-testid=new-password]").FillAsync(Password);
        await page.Locator("[data-testid=set-up]").ClickAsync();
        await page.Locator(SignedInApp).WaitForAsync();
        await page.GotoAsync(new Uri(new Uri(url), "interfaces").ToString());
        await page.Locator(SignedInData).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var reloads = new List<LoadResult>();
        for (var run = 0; run <= runs; run++)
        {
            var reload = await TimeAsync(page, traffic, SignedInData, () => page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit }));
            if (run > 0)
                reloads.Add(reload);
        }
        return reloads;
    }

    /// <summary>A page that notes when <paramref name="content"/> and <paramref name="usable"/> first appear, and counts its traffic.</summary>
    private static async Task<(IPage Page, Traffic Traffic)> OpenAsync(IBrowserContext context, string content, string usable)
    {
        await context.AddInitScriptAsync(NoteTimes.Replace("CONTENT", content, StringComparison.Ordinal).Replace("USABLE", usable, StringComparison.Ordinal));
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var network = await context.NewCDPSessionAsync(page);
        var traffic = new Traffic();
        network.Event("Network.loadingFinished").OnEvent += (_, e) => traffic.Finished(e);
        network.Event("Network.responseReceived").OnEvent += (_, e) => traffic.Received(e);
        await network.SendAsync("Network.enable");
        return (page, traffic);
    }

    private static async Task<LoadResult> TimeAsync(IPage page, Traffic traffic, string usable, Func<Task> navigate)
    {
        traffic.Reset();
        await navigate();
        await page.Locator(usable).First.WaitForAsync();
        // Times from the navigation's start, as the page itself measured them.
        var times = await page.EvaluateAsync<JsonElement>("""
            () => {
              const start = performance.timeOrigin;
              const paint = performance.getEntriesByName('first-contentful-paint')[0];
              const framework = performance.getEntriesByType('resource').filter(r => r.name.includes('/_framework/'));
              return {
                paint: paint ? paint.startTime : -1, content: window.__content ?? -1, usable: window.__usable ?? -1,
                framework: framework.length ? Math.max(...framework.map(r => r.responseEnd)) : -1,
              };
            }
            """);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return new LoadResult(times.GetProperty("paint").GetDouble(), times.GetProperty("content").GetDouble(), traffic.Bytes, traffic.Requests, traffic.NotModified)
        {
            FrameworkMs = times.GetProperty("framework").GetDouble(),
            UsableMs = times.GetProperty("usable").GetDouble(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private sealed class Traffic
    {
        private readonly Lock _lock = new();
        public long Bytes { get; private set; }
        public int Requests { get; private set; }
        public int NotModified { get; private set; }

        public void Reset()
        {
            lock (_lock)
                (Bytes, Requests, NotModified) = (0, 0, 0);
        }

        public void Finished(JsonElement? e)
        {
            lock (_lock)
                Bytes += (long)e!.Value.GetProperty("encodedDataLength").GetDouble();
        }

        public void Received(JsonElement? e)
        {
            var response = e!.Value.GetProperty("response");
            // Served from the memory or disk cache: no request went out.
            var cached = (response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean())
                || (response.TryGetProperty("fromMemoryCache", out var memory) && memory.GetBoolean())
                || (response.TryGetProperty("fromServiceWorker", out var worker) && worker.GetBoolean());
            lock (_lock)
            {
                if (cached)
                    return;
                if (Environment.GetEnvironmentVariable("ROUTEROS_BENCH_REQUESTS") is not null)
                    Console.WriteLine($"  {response.GetProperty("status").GetInt32()} {response.GetProperty("url").GetString()}");
                Requests++;
                if (response.GetProperty("status").GetInt32() == 304)
                    NotModified++;
            }
        }
    }
}
