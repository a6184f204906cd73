using System.Net;
using Microsoft.Playwright;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The Firewall page in a real browser against the real API (its engine faked): a port forward to
/// a host picked from the DHCP leases is created, reviewed in the plan under Changes, committed, and
/// then shows its counters, which move as the engine counts.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class FirewallDashboardTests : DashboardPageTests
{
    private const string Home = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "198.51.100.2/24" } ],
          "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.199", "domain": "home.test" } ] },
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    private const string Row = "firewall/port-forwards-row-nas-web";

    [Fact]
    public async Task A_port_forward_is_created_planned_committed_and_its_counters_move()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        Api.Engine.Leases.Add(new DhcpLeaseView("02:00:00:00:00:10", "192.168.1.110", "nas", null));
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/firewall");
        await page.GetByTestId("add-firewall/port-forwards").ClickAsync();
        await Browser.Field(page, "pf-name").FillAsync("nas-web");
        await Browser.Field(page, "pf-outside-port").FillAsync("8443");
        await Browser.SelectAsync(page, "pf-lease", "nas (192.168.1.110)");
        await Assertions.Expect(Browser.Field(page, "pf-inside-host")).ToHaveValueAsync("192.168.1.110");
        await Browser.Field(page, "pf-inside-port").FillAsync("443");
        await Browser.ScreenshotAsync(page, "port-forward-form");
        await page.GetByTestId("pf-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId(Row).GetByTestId("counters")).ToHaveTextAsync("—");

        var forward = await automation.Get("/api/v1/firewall/port-forwards/nas-web").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("wan", "192.168.1.110", 8443, 443),
            (forward["from"]!.GetValue<string>(), forward["insideHost"]!.GetValue<string>(), forward["outsidePort"]!.GetValue<int>(), forward["insidePort"]!.GetValue<int>()));

        await page.GotoAsync($"{Url}/changes");
        await Assertions.Expect(page.GetByTestId("edits")).ToContainTextAsync("firewall.portForwards[nas-web]");
        await page.GetByTestId("review-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("finding")).ToHaveCountAsync(0);
        await Browser.Field(page, "commit-message").FillAsync("open the NAS to the internet");
        await Browser.Field(page, "confirm-within").FillAsync("0");
        await page.GetByTestId("commit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToBeHiddenAsync();
        Assert.Single(Assert.Single(Api.Engine.Applied).Config.FirewallOrDefault.PortForwards);

        // The committed forward is in the running ruleset now: the engine counts it, and the page follows.
        // (No page reads the counters while one is added: the Firewall page is not open.)
        Api.Engine.RuleCounters.Add(new RuleCounterView("firewall.portForwards[nas-web]", 3, 180));
        await page.GotoAsync($"{Url}/firewall");
        var counters = page.GetByTestId(Row).GetByTestId("counters");
        await Assertions.Expect(counters).ToHaveTextAsync("3 packets · 180 B");
        await Browser.ScreenshotAsync(page, "firewall");
        Api.Engine.RuleCounters[0] = new RuleCounterView("firewall.portForwards[nas-web]", 5, 4200);
        await Assertions.Expect(counters).ToHaveTextAsync("5 packets · 4.2 kB", new() { Timeout = 15_000 });
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    [Fact]
    public async Task A_cell_of_the_forwarding_grid_adds_the_forwarding_to_the_candidate()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/firewall");
        await Browser.Field(page, "forward-lan-wan").UncheckAsync();
        await Browser.Field(page, "forward-wan-lan").CheckAsync();
        await Assertions.Expect(page.GetByText("wan may now reach lan in the candidate.")).ToBeVisibleAsync();

        var forwardings = (await automation.Get("/api/v1/zones/forwardings").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["wan->lan"], forwardings.Select(f => $"{f!["from"]!.GetValue<string>()}->{f["to"]!.GetValue<string>()}"));
    }

    [Fact]
    public async Task Forward_rules_are_reordered_by_dragging_and_by_the_keyboard_buttons()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);
        await automation.PutJsonAsync("/api/v1/firewall/forward-rules",
            """[ { "name": "first", "to": "wan", "action": "drop" }, { "name": "second", "from": "lan" }, { "name": "third", "protocol": "icmp" } ]""").ExpectAsync(HttpStatusCode.OK);

        await page.GotoAsync($"{Url}/firewall");
        // The rules are not committed: their marks arrive after the rows and push the drag chips down; a drag waits for the page to settle.
        await Assertions.Expect(page.GetByTestId("firewall/forward-rules-row-third").GetByTestId("pending-mark")).ToBeVisibleAsync();
        Assert.Equal(["third", "first", "second"], await DragUntilMovedAsync(page, automation, "third", "first"));
        // The router holds the new order before the page has read it back: a person clicks on the list they see.
        await Assertions.Expect(page.Locator("[data-testid^='firewall/forward-rules-row-']").First)
            .ToHaveAttributeAsync("data-testid", "firewall/forward-rules-row-third");

        await page.GetByTestId("firewall/forward-rules-row-third").GetByTestId("move-down").ClickAsync();
        Assert.Equal(["first", "third", "second"], await Eventually.AnswersAsync(() => RuleOrderAsync(automation), order => order[0] == "first", seconds: 30));
        await Assertions.Expect(page.GetByTestId("firewall/forward-rules-row-third")).ToContainTextAsync("2");
    }

    /// <summary>
    /// Drags <paramref name="rule"/> onto <paramref name="onto"/> and returns the order the router
    /// then holds. A drag made in the moment the list appears can find the drop zone not yet
    /// listening (MudBlazor arms it after rendering), which no person could do: only then, while
    /// the order is still untouched, the drag is made again. A drop in the wrong place is returned.
    /// </summary>
    private static async Task<IReadOnlyList<string>> DragUntilMovedAsync(IPage page, HttpClient automation, string rule, string onto)
    {
        var before = await RuleOrderAsync(automation);
        for (var attempt = 1; ; attempt++)
        {
            await DropItem(page, rule).DragToAsync(DropItem(page, onto), new() { Force = true });
            var deadline = DateTime.UtcNow.AddSeconds(attempt < 3 ? 5 : 30);
            IReadOnlyList<string> order;
            do
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
                order = await RuleOrderAsync(automation);
            }
            while (order.SequenceEqual(before) && DateTime.UtcNow < deadline);
            if (!order.SequenceEqual(before))
                return order;
            Assert.True(attempt < 3, $"three drags of {rule} onto {onto} left the order as it was: {string.Join(", ", before)}");
        }
    }

    /// <summary>What MudBlazor makes draggable: the item around the chip.</summary>
    private static ILocator DropItem(IPage page, string rule) =>
        page.GetByTestId($"drag-{rule}").Locator("xpath=ancestor::div[contains(@class,'mud-drop-item')][1]");

    private static async Task<IReadOnlyList<string>> RuleOrderAsync(HttpClient automation) =>
        [.. (await automation.Get("/api/v1/firewall/forward-rules").ExpectAsync(HttpStatusCode.OK)).AsArray().Select(r => r!["name"]!.GetValue<string>())];

    /// <summary>Puts <see cref="Home"/> in the candidate through a write token, as automation would, and signs a page in.</summary>
    private Task<IPage> StartAsync(HttpClient automation) => SignedInWithConfigAsync(automation, Home, "firewall-test");
}
