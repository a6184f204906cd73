using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The dashboard for someone with a screen reader or only a keyboard: axe-core finds nothing
/// serious or critical on any page (signed out, and signed in with the home router example
/// committed and edited, so every page has rows, forms and plans to show), and a commit is made,
/// reviewed, committed and confirmed with Tab, Enter and typing alone.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityDashboardTests : DashboardPageTests
{
    private static readonly string[] SignedInPages =
        ["", "interfaces", "flowtables", "pppoe", "dhcp", "firewall", "flows", "changes", "revisions", "audit", "system", "tokens", "account"];

    // The pages whose objects EditListsAsync changes: they are scanned with their "Not committed" marks shown.
    private static readonly string[] MarkedPages = ["interfaces", "flowtables", "pppoe", "dhcp", "firewall", "system"];

    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task No_page_has_a_serious_or_critical_axe_finding()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await Chromium!.NewPageAsync();
        await page.GotoAsync($"{Url}/setup");
        // The app running, not the page rendered at build time that stands in while it starts.
        await Assertions.Expect(Browser.Field(page, "setup-token")).ToBeEnabledAsync();
        var findings = Blocked("/setup", await page.RunAxe()).ToList();

        await StartAsync(page, commit: true);
        var signedOut = await Chromium.NewPageAsync();
        await signedOut.GotoAsync($"{Url}/login");
        await Assertions.Expect(Browser.Field(signedOut, "password")).ToBeEnabledAsync();
        findings.AddRange(Blocked("/login", await signedOut.RunAxe()));
        await page.GotoAsync($"{Url}/system");
        await Browser.Field(page, "system-hostname").FillAsync("gateway");
        await page.GetByTestId("system-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToHaveTextAsync("1");
        await EditListsAsync();
        var scanned = 0;
        foreach (var path in SignedInPages)
        {
            await page.GotoAsync($"{Url}/{path}");
            await page.GetByTestId("signed-in-as").WaitForAsync();
            await Assertions.Expect(page.Locator(".mud-progress-linear, .mud-progress-circular")).ToHaveCountAsync(0);
            if (MarkedPages.Contains(path))
                await Assertions.Expect(page.GetByTestId("pending-mark").First).ToBeVisibleAsync();
            var result = await page.RunAxe();
            // A scan that checked nothing would pass any page: each one must have run the rules.
            Assert.NotEmpty(result.Passes);
            findings.AddRange(Blocked($"/{path}", result));
            scanned++;
        }
        Assert.Equal(SignedInPages.Length, scanned);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task A_commit_is_made_reviewed_committed_and_confirmed_with_the_keyboard_alone()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await Chromium!.NewPageAsync();
        await StartAsync(page, commit: true);
        await page.GotoAsync($"{Url}/system");

        var hostname = Browser.Field(page, "system-hostname");
        await TabToAsync(page, hostname);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("gateway");
        await TabToAsync(page, page.GetByTestId("system-save"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToHaveTextAsync("1");

        await TabToAsync(page, page.Locator("a[href='changes']"));
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, page.GetByTestId("review-plan"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("plan")).ToBeVisibleAsync();
        await TabToAsync(page, Browser.Field(page, "commit-message"));
        await page.Keyboard.TypeAsync("rename the router");
        await TabToAsync(page, page.GetByTestId("commit"));
        await page.Keyboard.PressAsync("Enter");

        var confirm = page.GetByTestId("confirm-banner").GetByTestId("confirm");
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await TabToAsync(page, confirm);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("confirm-banner")).ToBeHiddenAsync();

        var committed = Api.Engine.Applied[^1];
        Assert.Equal("gateway", committed.Config.System?.Hostname?.Value);
        Assert.Equal([committed.Revision], Api.Engine.Confirmed);
    }

    private static IEnumerable<string> Blocked(string path, AxeResult result) =>
        result.Violations.Where(v => Blocking.Contains(v.Impact)).Select(v =>
            $"{path}: {v.Impact} {v.Id} ({v.Help}): {string.Join(" | ", v.Nodes.Take(4).Select(n => n.Html))}");

    /// <summary>Presses Tab until <paramref name="target"/> (or something inside it) has the focus.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var presses = 0; presses < 200; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"200 presses of Tab never reached {target}");
    }

    /// <summary>
    /// Edits of lists beside the system's, so the pages scanned show their "Not committed" marks too:
    /// changed rows (a DHCP server, the flowtable, the PPPoE uplink), an added static lease, a deleted
    /// port forward (a struck-through row) and a new order of the forward rules.
    /// </summary>
    private async Task EditListsAsync()
    {
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "a11y-edits", "write"));
        var config = (await automation.Get("/api/v1/candidate").ExpectAsync(HttpStatusCode.OK))["config"]!;
        var server = config["dhcp"]!["servers"]![0]!;
        server["leaseTimeSeconds"] = 3600;
        server["staticLeases"]!.AsArray().Add(new JsonObject { ["mac"] = "02:00:00:00:10:02", ["address"] = "192.168.1.11" });
        config["firewall"]!["portForwards"] = new JsonArray();
        config["firewall"]!["forwardRules"] = new JsonArray([.. config["firewall"]!["forwardRules"]!.AsArray().Select(rule => rule!.DeepClone()).Reverse()]);
        config["flowtables"]![0]!["counter"] = false;
        config["pppoe"]![0]!["mtu"] = 1480;
        await automation.PutJsonAsync("/api/v1/config", config.ToJsonString()).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The home router example as the candidate (and, with <paramref name="commit"/>, running), and the page signed in.</summary>
    private async Task StartAsync(IPage page, bool commit)
    {
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "a11y-test", "write"));
        await automation.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        if (commit)
            await automation.PostJsonAsync("/api/v1/commit", """{ "message": "home" }""").ExpectAsync(HttpStatusCode.Created);
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
    }
}
