using System.Text;
using Microsoft.Playwright;
using RouterOS.Api.Tests.Support;
using RouterOS.Engine.Tests.Support;
using RouterOS.Testing;

namespace RouterOS.Api.Tests;

/// <summary>
/// Renumbering the LAN in the dashboard is not a dead end (issue 23): with a DHCP range and a
/// static lease on br-lan, moving 192.168.1.1/24 to 192.168.2.1/24 offers to carry them along,
/// the plan shows them as edits and commits, and the kernel's address and dnsmasq's range follow.
/// In Debian's Chromium against the real API and engine, in the lab's namespaces (root only).
/// </summary>
public sealed partial class LabDashboardTests
{
    private const string NasMac = "02:00:00:00:00:50";

    [Fact]
    public async Task Renumbering_the_lan_in_the_dashboard_carries_its_dhcp_range_and_static_lease_into_the_kernel()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(Browser.Available, Browser.Missing);
        using var lab = new Lab();
        await using var dashboard = await EngineDashboard.SetUpAsync(lab.Router.Name, TimeSpan.FromMilliseconds(250));
        var (api, url, browser, page) = (dashboard.Api, dashboard.Url, dashboard.Browser, dashboard.Page);

        // The LAN on br-lan with a DHCP range and the NAS's static lease, committed.
        await OpenAsync(page, url, "interfaces");
        foreach (var name in new[] { "lan0", "lan1", "wan0" })
            await AddPortAsync(page, name);
        await page.GetByTestId("add-bridges").ClickAsync();
        await Browser.Field(page, "bridge-name").FillAsync("br-lan");
        await Browser.Field(page, "member-lan0").CheckAsync();
        await Browser.Field(page, "member-lan1").CheckAsync();
        await page.GetByTestId("bridge-save").ClickAsync();
        await page.GetByTestId("bridges-row-br-lan").WaitForAsync();
        await AddAddressAsync(page, "br-lan", "192.168.1.1/24");
        await AddAddressAsync(page, "wan0", "203.0.113.2/24");
        await OpenAsync(page, url, "dhcp");
        await page.GetByTestId("add-dhcp/servers").ClickAsync();
        await Browser.SelectAsync(page, "dhcp-device", "br-lan");
        await Browser.Field(page, "dhcp-start").FillAsync("192.168.1.150");
        await Browser.Field(page, "dhcp-end").FillAsync("192.168.1.199");
        await page.GetByTestId("dhcp-save").ClickAsync();
        await page.GetByTestId("dhcp/servers-row-br-lan").WaitForAsync();
        await page.GetByTestId("add-dhcp/servers/br-lan/static-leases").ClickAsync();
        await Browser.Field(page, "lease-mac").FillAsync(NasMac);
        await Browser.Field(page, "lease-address").FillAsync("192.168.1.50");
        await Browser.Field(page, "lease-hostname").FillAsync("nas");
        await page.GetByTestId("lease-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"dhcp/servers/br-lan/static-leases-row-{NasMac}")).ToContainTextAsync("192.168.1.50");
        await ZonesByAutomationAsync(api, url);
        await OpenAsync(page, url, "changes");
        await page.GetByTestId("review-plan").ClickAsync();
        await CommitAndConfirmAsync(page, "the LAN");
        Assert.Contains("192.168.1.1/24", lab.Router.Exec("ip", "address", "show", "br-lan"), StringComparison.Ordinal);
        Assert.Contains("dhcp-range=set:", DnsmasqConfig(lab), StringComparison.Ordinal);
        Assert.Contains(",192.168.1.150,192.168.1.199,", DnsmasqConfig(lab), StringComparison.Ordinal);

        // The renumbering: the address form offers to carry the range and the lease along.
        await OpenAsync(page, url, "interfaces");
        await page.GetByTestId("addresses-row-192.168.1.1/24").GetByTestId("edit").ClickAsync();
        await Browser.Field(page, "address-value").FillAsync("192.168.2.1/24");
        var offer = page.GetByTestId("address-carry");
        await Assertions.Expect(offer).ToContainTextAsync("Also move the DHCP range and 1 static lease into 192.168.2.0/24");
        await Assertions.Expect(offer).ToContainTextAsync("192.168.1.50 → 192.168.2.50");
        await Assertions.Expect(Browser.Field(page, "address-carry-accept")).ToBeCheckedAsync();
        await Browser.ScreenshotAsync(page, "lab-renumber-offer");
        await page.GetByTestId("address-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("addresses-row-192.168.2.1/24")).ToContainTextAsync("br-lan");
        await Assertions.Expect(page.GetByTestId("addresses-row-192.168.1.1/24")).ToHaveCountAsync(0);

        // The plan shows the carried server as an ordinary edit, finds nothing wrong, and commits.
        await OpenAsync(page, url, "changes");
        await Assertions.Expect(page.GetByTestId("edits")).ToContainTextAsync("dhcp.servers[br-lan]");
        // The address moved is one edit, in words, not a removal and an addition.
        await Assertions.Expect(page.GetByTestId("edit").Filter(new() { HasText = "address of br-lan" }))
            .ToHaveTextAsync(["Changed the address of br-lan from 192.168.1.1/24 to 192.168.2.1/24"]);
        await page.GetByTestId("review-plan").ClickAsync();
        await page.GetByTestId("plan").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("finding").Filter(new() { HasText = "192.168.1." })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "lab-renumber-plan");
        await CommitAndConfirmAsync(page, "the LAN renumbered");

        // The kernel's address and dnsmasq's range and static lease followed.
        var address = lab.Router.Exec("ip", "address", "show", "br-lan");
        Assert.Contains("192.168.2.1/24", address, StringComparison.Ordinal);
        Assert.DoesNotContain("192.168.1.1/24", address, StringComparison.Ordinal);
        await Poll.UntilAsync(() => DnsmasqConfig(lab).Contains(",192.168.2.150,192.168.2.199,", StringComparison.Ordinal), "dnsmasq serving the new range");
        Assert.Contains($"dhcp-host={NasMac},192.168.2.50", DnsmasqConfig(lab), StringComparison.Ordinal);
        Assert.DoesNotContain("192.168.1.", DnsmasqConfig(lab), StringComparison.Ordinal);
        Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
    }

    private static async Task CommitAndConfirmAsync(IPage page, string message)
    {
        await CommitAsync(page, message, confirmWithin: 120);
        var banner = page.GetByTestId("confirm-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await banner.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(banner).ToBeHiddenAsync();
    }

    /// <summary>The configuration file of the dnsmasq running in the router's namespace (its --conf-file), or "" while none runs.</summary>
    private static string DnsmasqConfig(Lab lab)
    {
        foreach (var pid in Shell.Capture("ip", "netns", "pids", lab.Router.Name).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] arguments;
            try
            {
                arguments = File.ReadAllText($"/proc/{pid}/cmdline", Encoding.UTF8).Split('\0');
            }
            catch (IOException)
            {
                continue; // it exited meanwhile
            }
            if (arguments.Length == 0 || !arguments[0].EndsWith("dnsmasq", StringComparison.Ordinal))
                continue;
            if (arguments.FirstOrDefault(a => a.StartsWith("--conf-file=", StringComparison.Ordinal)) is { } conf)
                return File.ReadAllText(conf["--conf-file=".Length..]);
        }
        return "";
    }
}
