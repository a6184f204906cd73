using System.Net;
using Microsoft.Playwright;
using RouterOS.Api.Contracts;
using RouterOS.Api.Flows;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The dashboard's layouts in a real browser: on a phone (390x844) every row's edit and delete
/// button of every list page is on screen once scrolled to and takes a click (no inner scroll
/// clips it), the message after a commit leaves the confirm banner's buttons free, and at 1440x900 the flows table shows Rate and Kill without scrolling sideways.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LayoutDashboardTests : DashboardPageTests
{
    private static readonly string[] ListPages = ["interfaces", "dhcp", "firewall", "flowtables"];

    [Fact]
    public async Task On_a_phone_every_rows_edit_and_delete_buttons_are_on_screen_and_take_a_click()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await StartAsync(390, 844);

        var checkedButtons = 0;
        foreach (var path in ListPages)
        {
            await page.GotoAsync($"{Url}/{path}");
            var buttons = page.Locator("[data-testid=edit], [data-testid=delete]");
            await Assertions.Expect(buttons.First).ToBeVisibleAsync();
            var count = await buttons.CountAsync();
            for (var i = 0; i < count; i++)
            {
                var problem = await ReachableAsync(buttons.Nth(i));
                Assert.True(problem is null, $"/{path}: button {i} ({await buttons.Nth(i).GetAttributeAsync("aria-label")}) {problem}");
            }
            checkedButtons += count;
            await Browser.ScreenshotAsync(page, $"phone-{path}");

            // And a real click on the last row's edit button opens its form.
            var edit = page.Locator("[data-testid=edit]").Last;
            await edit.ClickAsync();
            await Assertions.Expect(page.Locator("td.form-cell")).ToBeVisibleAsync();
        }
        Assert.True(checkedButtons >= 20, $"only {checkedButtons} buttons on the list pages: the example configuration did not load");
    }

    [Fact]
    public async Task On_a_phone_the_message_after_a_commit_leaves_the_confirm_banners_buttons_free()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await StartAsync(390, 844);

        await page.GotoAsync($"{Url}/changes");
        await page.GetByTestId("review-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan")).ToBeVisibleAsync();
        await page.GetByTestId("commit").ClickAsync();

        var message = page.Locator(".mud-snackbar").Filter(new() { HasText = "Committed" });
        await Assertions.Expect(message).ToBeVisibleAsync();
        var banner = page.GetByTestId("confirm-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await banner.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        foreach (var button in new[] { "confirm", "roll-back" })
        {
            var problem = await ReachableAsync(banner.GetByTestId(button), scroll: false);
            Assert.True(problem is null, $"{button} {problem}");
        }
        // Still showing (it stays 10 s): the buttons were free while the message was there, not after it left.
        Assert.True(await message.IsVisibleAsync(), "the message left before the buttons were checked");
        await Browser.ScreenshotAsync(page, "phone-commit-message");
    }

    [Fact]
    public async Task On_a_phone_each_flow_is_a_card_with_its_kill_button_on_screen()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await StartAsync(390, 844);
        Api.Engine.PushFlows(new FlowUpdate(true, Flows(), [], TestFlows.Totals(3), true));

        await page.GotoAsync($"{Url}/flows");
        var kills = page.GetByTestId("kill");
        await Assertions.Expect(kills).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
            Assert.Null(await ReachableAsync(kills.Nth(i)));
        // The column's header is drawn before each cell (CSS ::before from data-label).
        Assert.Equal("\"Protocol\"", await page.GetByTestId("flow-2").Locator("td").First.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"));
        await Browser.ScreenshotAsync(page, "phone-flows");
    }

    [Fact]
    public async Task At_1440_the_flows_table_shows_rate_and_kill_without_a_sideways_scroll()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await StartAsync(1440, 900);
        Api.Engine.PushFlows(new FlowUpdate(true, Flows(), [], TestFlows.Totals(3), true));

        await page.GotoAsync($"{Url}/flows");
        await Assertions.Expect(page.GetByTestId("kill")).ToHaveCountAsync(3);
        var table = page.GetByTestId("flows").Locator(".mud-table-container");
        var widths = await table.EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"the flows table scrolls sideways: {scrollWidth} px of content in {clientWidth} px");
        Assert.Null(await ReachableAsync(page.GetByRole(AriaRole.Columnheader, new() { Name = "Rate (sent / received)" }), scroll: false));
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await ReachableAsync(page.GetByTestId("rate").Nth(i), scroll: false));
            Assert.Null(await ReachableAsync(page.GetByTestId("kill").Nth(i), scroll: false));
        }
        // GRE and IGMP arrive as numbers (the engine names only a few): the table names them.
        await Assertions.Expect(page.GetByTestId("flow-2").Locator("td").First).ToHaveTextAsync("gre");
        await Assertions.Expect(page.GetByTestId("flow-3").Locator("td").First).ToHaveTextAsync("igmp");
        await Browser.ScreenshotAsync(page, "flows-1440");
    }

    /// <summary>
    /// Null when the element, scrolled to, lies wholly inside the viewport and is what a click at
    /// its centre reaches (not clipped by an inner scroll, not covered); otherwise what is wrong.
    /// </summary>
    internal static async Task<string?> ReachableAsync(ILocator element, bool scroll = true)
    {
        if (scroll)
            await element.EvaluateAsync("e => e.scrollIntoView({ block: 'center', inline: 'center' })");
        return await element.EvaluateAsync<string?>("""
            e => {
              const r = e.getBoundingClientRect();
              const w = document.documentElement.clientWidth, h = document.documentElement.clientHeight;
              if (r.width === 0 || r.height === 0) return 'has no size';
              if (r.left < 0 || r.top < 0 || r.right > w || r.bottom > h)
                return `lies outside the ${w}x${h} viewport at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`;
              const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
              if (!hit || !(e === hit || e.contains(hit)))
                return `is covered or clipped at its centre by ${hit ? hit.outerHTML.slice(0, 120) : 'nothing'}`;
              return null;
            }
            """);
    }

    private static List<FlowView> Flows() =>
    [
        TestFlows.Udp(1, "192.168.1.100", 40000, "203.0.113.1", 53, 1280, 2_000_000, offload: "software") with { SourceNat = "198.51.100.2:61234" },
        TestFlows.Udp(2, "2001:db8:1234:5678:9abc:def0:1234:5678", 50000, "2001:db8:ffff:eeee:dddd:cccc:bbbb:aaaa", 443, 98_765_432, 1_250_000)
            with { Protocol = 47, ProtocolName = "47", DestinationNat = "192.168.1.110:443", SourceNat = "192.168.1.1:40000", TcpState = "" },
        TestFlows.Udp(3, "192.168.1.23", 0, "224.0.0.1", 0, 640) with { Protocol = 2, ProtocolName = "2" },
    ];

    /// <summary>Puts the home router example in the candidate, as automation would, and signs a page of this size in.</summary>
    private async Task<IPage> StartAsync(int width, int height)
    {
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "layout-test", "write"));
        await automation.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router")).ExpectAsync(HttpStatusCode.OK);
        var page = await Chromium!.NewPageAsync(width, height);
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }
}
