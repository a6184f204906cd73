using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RouterOS.Api.Flows;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium driven by Playwright), served by the real
/// API on a loopback port, with the engine double feeding flows. Screenshots of each page go to
/// the test results (artifacts/test-results/screenshots).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DashboardTests : DashboardPageTests
{
    [Fact]
    public async Task A_new_admin_sets_up_signs_in_and_watches_a_flow_live_then_kills_it()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await NewPageAsync();
        Api.Engine.KillableFlows.Add(7);

        await page.GotoAsync(Url);
        await page.GetByTestId("setup-token").Or(page.GetByTestId("username")).First.WaitForAsync();
        await ScreenshotAsync(page, "sign-in");
        await page.GotoAsync($"{Url}/setup");
        await Field(page, "setup-token").FillAsync(Api.Services.GetRequiredService<Auth.SetupToken>().Value!);
        await Field(page, "new-password").FillAsync("dashboard admin password");
        await page.GetByTestId("set-up").ClickAsync();

        await page.GetByTestId("signed-in-as").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("capabilities")).ToContainTextAsync("Flowtable fast path available");
        await ScreenshotAsync(page, "overview");

        Api.Engine.PushFlows(new FlowUpdate(true, [TestFlows.Udp(7, "192.168.1.100", 40000, "203.0.113.1", 53, 1280, offload: "software")], [], TestFlows.Totals(1), true));
        await page.GetByText("Flows", new() { Exact = true }).First.ClickAsync();
        var row = page.GetByTestId("flow-7");
        await Assertions.Expect(row).ToContainTextAsync("192.168.1.100:40000");
        await Assertions.Expect(row.GetByTestId("path")).ToHaveTextAsync("OFFLOAD");
        await Assertions.Expect(row.GetByTestId("sent")).ToHaveTextAsync("1.3 kB");

        // The counters grow live, without reloading the page.
        Api.Engine.PushFlows(new FlowUpdate(false, [TestFlows.Udp(7, "192.168.1.100", 40000, "203.0.113.1", 53, 25_000, offload: "software")], [], null, true));
        await Assertions.Expect(row.GetByTestId("sent")).ToHaveTextAsync("25 kB");
        await ScreenshotAsync(page, "flows");

        await row.GetByTestId("kill").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kill", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Connection killed.")).ToBeVisibleAsync();
        Assert.Equal([7ul], Api.Engine.Killed);
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium!.ConsoleErrors));
    }

    [Fact]
    public async Task Edits_are_reviewed_committed_with_a_confirm_window_and_confirmed()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await NewPageAsync();
        await SignInAsync(page);
        // Automation edits the candidate; the dashboard shows the pending edits.
        using (var browser = await Api.CreateBrowserAsync())
        using (var automation = new HttpClient { BaseAddress = new Uri(Url) })
        {
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "dashboard-test", "write"));
            await automation.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        }

        await page.GotoAsync($"{Url}/changes");
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("edits")).ToContainTextAsync("bridges[br-lan]");
        await page.GetByTestId("review-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("engine-change").First).ToContainTextAsync("recreate");
        await ScreenshotAsync(page, "changes");
        await Field(page, "commit-message").FillAsync("home router from the dashboard");
        await page.GetByTestId("commit").ClickAsync();

        var banner = page.GetByTestId("confirm-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Revision 1 is running but not confirmed");
        await ScreenshotAsync(page, "confirm-banner");
        await banner.GetByTestId("confirm").ClickAsync();

        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.Equal([(1L, TimeSpan.FromSeconds(120))], Api.Engine.Applied.Select(a => (a.Revision, a.ConfirmWithin!.Value)));
        Assert.Equal([1L], Api.Engine.Confirmed);
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_pppoe_page_follows_a_session_live_says_a_failure_in_plain_words_and_reconnects()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await NewPageAsync();
        await SignInAsync(page);
        Api.Engine.Uplinks.Add(PppoeApiTests.Session("lcp"));
        Api.Engine.PushUplinks();

        await page.GetByRole(AriaRole.Link, new() { Name = "PPPoE", Exact = true }).ClickAsync();
        var card = page.GetByTestId("pppoe-ppp-wan");
        await Assertions.Expect(card.GetByTestId("state")).ToHaveTextAsync("lcp");

        // The session comes up: the page follows without a reload.
        Api.Engine.Uplinks[0] = PppoeApiTests.Session("up");
        Api.Engine.PushUplinks();
        await Assertions.Expect(card.GetByTestId("state")).ToHaveTextAsync("up");
        await Assertions.Expect(card.GetByTestId("address")).ToHaveTextAsync("10.64.0.10/32");
        await Assertions.Expect(card.GetByTestId("peer")).ToHaveTextAsync("10.64.0.1");
        await Assertions.Expect(card.GetByTestId("dns")).ToHaveTextAsync("10.64.0.53");
        await Assertions.Expect(card.GetByTestId("session")).ToHaveTextAsync("7 with 02:00:00:00:00:01");
        await Assertions.Expect(card.GetByTestId("uptime")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(card.GetByTestId("timeline")).ToContainTextAsync("looking for a PPPoE server on wan0");
        await ScreenshotAsync(page, "pppoe-up");

        // Authentication fails three times: the failure and what to check, then a reconnect.
        Api.Engine.Uplinks[0] = PppoeApiTests.Session("failed", "authentication failed 3 times in a row: stopped dialling");
        Api.Engine.PushUplinks();
        await Assertions.Expect(card.GetByTestId("failure")).ToContainTextAsync("authentication failed 3 times in a row: stopped dialling");
        await Assertions.Expect(card.GetByTestId("failure")).ToContainTextAsync("What to check: check the username and password");
        await Assertions.Expect(card.GetByTestId("uptime")).ToHaveTextAsync("—");
        await ScreenshotAsync(page, "pppoe-failed");
        await card.GetByTestId("reconnect").ClickAsync();
        await Assertions.Expect(page.GetByText("ppp-wan: the session is ended and dialled again.")).ToBeVisibleAsync();
        Assert.Equal(["ppp-wan"], Api.Engine.Reconnected);
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    [Fact]
    public async Task A_bad_filter_is_explained_on_the_page()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await NewPageAsync();
        await SignInAsync(page);

        await page.GotoAsync($"{Url}/flows");
        await Field(page, "filter").FillAsync("port:http");
        await Field(page, "filter").PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("filter-error")).ToContainTextAsync("'http' is not a port");
    }

    [Fact]
    public async Task The_dashboard_can_be_used_with_the_keyboard_alone()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await NewPageAsync();
        (await Api.CreateBrowserAsync()).Dispose(); // sets the admin password

        await page.GotoAsync($"{Url}/login");
        // The form rendered at build time shows first, disabled: focus waits for the app, as a person does.
        await Assertions.Expect(Field(page, "username")).ToBeEnabledAsync();
        await Field(page, "username").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("admin");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Onboarding.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("signed-in-as").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Interfaces", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("add-ports").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Field(page, "port-name").FocusAsync();
        await page.Keyboard.TypeAsync("eth1");
        await page.GetByTestId("port-save").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("ports-row-eth1")).ToBeVisibleAsync();
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    private Task<IPage> NewPageAsync() => Chromium!.NewPageAsync();

    private async Task SignInAsync(IPage page)
    {
        using var browser = await Api.CreateBrowserAsync();
        await page.GotoAsync($"{Url}/login");
        await Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
    }

    private static ILocator Field(IPage page, string testId) => Browser.Field(page, testId);

    private static Task ScreenshotAsync(IPage page, string name) => Browser.ScreenshotAsync(page, name);
}

/// <summary>
/// The browser tests run on their own, after the rest: Chromium takes both cores, and the other
/// tests' deadlines (a commit's rollback, a hub update) should not have to share them with it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTests
{
    public const string Name = "browser";
}
