using System.Net;
using Microsoft.Playwright;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The IPv6 page in a real browser against the real API: the uplink's delegated prefix, its
/// lifetimes, the LANs' /64s and the timeline as the engine reports them, following a renumbering
/// live; a DHCPv6 client and a LAN added through the forms land in the candidate; a subnet id
/// the prefix cannot hold is refused on the form, before any commit.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class Ipv6DashboardTests : DashboardPageTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-08T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private const string Home = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0", "lan1" ] }, { "name": "wan", "interfaces": [ "wan0" ] } ] }
        }
        """;

    internal static UplinkStatusView Delegation(string prefix, string lan, long preferred) => new("wan0", "dhcpv6", "bound", "2001:db8:0:1::100/128", "fe80::1",
        ["2001:db8:0:1::53"], 0, null,
        [new UplinkEventView(At, "discovering", "asking for a prefix and an address on wan0 (hint /60)"),
         new UplinkEventView(At.AddSeconds(1), "bound", $"bound: prefix {prefix} (preferred {preferred} s, valid 7200 s)")],
        DelegatedPrefix: prefix, PrefixPreferredSeconds: preferred, PrefixValidSeconds: 7200, LanPrefixes: [new LanPrefixView("lan0", lan)]);

    [Fact]
    public async Task The_page_shows_the_delegated_prefix_live_and_adds_a_client_and_a_lan_refusing_a_subnet_id_the_prefix_cannot_hold()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);
        Api.Engine.Uplinks.Add(Delegation("2001:db8:100::/60", "2001:db8:100:3::/64", 3600));
        Api.Engine.PushUplinks();

        await page.GetByRole(AriaRole.Link, new() { Name = "IPv6", Exact = true }).ClickAsync();
        var card = page.GetByTestId("ipv6-uplink-wan0");
        await Assertions.Expect(card.GetByTestId("state")).ToHaveTextAsync("bound");
        await Assertions.Expect(card.GetByTestId("prefix")).ToHaveTextAsync("2001:db8:100::/60");
        await Assertions.Expect(card.GetByTestId("lan-prefixes")).ToHaveTextAsync("lan0 2001:db8:100:3::/64");
        await Assertions.Expect(card.GetByTestId("lifetimes")).ToContainTextAsync("preferred");
        await Assertions.Expect(card.GetByTestId("timeline")).ToContainTextAsync("bound: prefix 2001:db8:100::/60");

        // The ISP renumbers: the page follows without a reload, and a prefix past its preferred lifetime is said to be deprecated.
        Api.Engine.Uplinks[0] = Delegation("2001:db8:200::/60", "2001:db8:200:3::/64", 0);
        Api.Engine.PushUplinks();
        await Assertions.Expect(card.GetByTestId("prefix")).ToHaveTextAsync("2001:db8:200::/60");
        await Assertions.Expect(card.GetByTestId("lan-prefixes")).ToHaveTextAsync("lan0 2001:db8:200:3::/64");
        await Assertions.Expect(card.GetByTestId("lifetimes")).ToContainTextAsync("deprecated");
        await Browser.ScreenshotAsync(page, "ipv6-uplink");

        await page.GetByTestId("add-ipv6/clients").ClickAsync();
        await Browser.SelectAsync(page, "dhcpv6-client-uplink", "wan0");
        await Browser.Field(page, "dhcpv6-client-hint").FillAsync("60");
        await page.GetByTestId("dhcpv6-client-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ipv6/clients-row-wan0")).ToBeVisibleAsync();

        await page.GetByTestId("add-ipv6/lans").ClickAsync();
        await Browser.SelectAsync(page, "ipv6-lan-device", "lan1");
        await Browser.Field(page, "ipv6-lan-subnet-id").FillAsync("16");
        await page.GetByTestId("ipv6-lan-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ipv6-lan-form")).ToContainTextAsync("subnet id 16 does not fit: the /60 of wan0 numbers 16 /64 networks (ids 0 to 15)");
        await Browser.Field(page, "ipv6-lan-subnet-id").FillAsync("3");
        await Browser.SelectAsync(page, "ipv6-lan-mode", "SLAAC (DNS in the advertisement)");
        await page.GetByTestId("ipv6-lan-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ipv6/lans-row-lan1")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "ipv6-config");

        var client = await automation.Get("/api/v1/ipv6/clients/wan0").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(60, client["prefixHintLength"]!.GetValue<int>());
        var lan = await automation.Get("/api/v1/ipv6/lans/lan1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((3, "slaac"), (lan["subnetId"]!.GetValue<int>(), lan["mode"]!.GetValue<string>()));
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    /// <summary>Puts <see cref="Home"/> in the candidate through a write token, as automation would, and signs a page in.</summary>
    private Task<IPage> StartAsync(HttpClient automation) => SignedInWithConfigAsync(automation, Home, "ipv6-test");
}
