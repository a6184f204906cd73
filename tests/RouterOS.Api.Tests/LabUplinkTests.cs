extern alias engine;
using System.Net;
using System.Text.RegularExpressions;
using engine::RouterOS.Engine.Services;
using Microsoft.Playwright;
using RouterOS.Api.Tests.Support;
using RouterOS.Engine.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The overview with an uplink (issue 23): the WAN takes its address by DHCP from an ISP's server in
/// the lab's upstream namespace, as the lab's example configuration does; the overview says the
/// uplink is bound with its address and gateway, and charts its throughput in bit/s, which leaves
/// zero once the LAN client pings the upstream through the router. In Debian's Chromium against
/// the real API and engine, in the lab's namespaces (root only).
/// </summary>
public sealed partial class LabDashboardTests
{
    // The lab's LAN behind the router, the WAN by DHCP, and the LAN let out to the WAN (masqueraded,
    // so the upstream's replies come back to the lease's address without a route to the LAN).
    private const string LanWithDhcpUplink = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "lan1" }, { "name": "wan0" } ],
          "bridges": [ { "name": "br-lan", "ports": [ { "name": "lan0" }, { "name": "lan1" } ] } ],
          "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" } ],
          "dhcp": { "clients": [ { "device": "wan0", "routeMetric": 10 } ] },
          "firewall": {
            "zones": [
              { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" },
              { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true }
            ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    [Fact]
    public async Task The_overview_shows_a_dhcp_uplink_bound_and_its_throughput_leaving_zero_with_traffic()
    {
        Assert.SkipUnless(TestNamespace.IsRoot, TestNamespace.NeedsRoot);
        Assert.SkipUnless(Browser.Available, Browser.Missing);
        Assert.SkipUnless(HelperPrograms.System.Has("dnsmasq"), "needs dnsmasq for the ISP's DHCP server (make test installs dnsmasq-base)");
        using var lab = new Lab();
        var ispFiles = Directory.CreateTempSubdirectory("routeros-isp-");
        try
        {
            using var isp = IspDhcpServer(lab, ispFiles.FullName);
            await using var dashboard = await EngineDashboard.SetUpAsync(lab.Router.Name, TimeSpan.FromMilliseconds(250));
            var (api, url, browser, page) = (dashboard.Api, dashboard.Url, dashboard.Browser, dashboard.Page);
            using (var automation = await AutomationAsync(api, url, "lab-uplink"))
            {
                await automation.PutJsonAsync("/api/v1/config", LanWithDhcpUplink).ExpectAsync(HttpStatusCode.OK);
                await automation.PostJsonAsync("/api/v1/commit", "{}").ExpectAsync(HttpStatusCode.Created);
            }

            // The overview reads the running configuration as it opens: open it anew.
            await OpenAsync(page, url, "audit");
            await OpenAsync(page, url, "");
            await Assertions.Expect(page.GetByTestId("uplink-wan0")).ToContainTextAsync(new Regex(@"DHCP on wan0:\s*bound, 203\.0\.113\.1\d/24 via 203\.0\.113\.1"));
            var chart = page.GetByTestId("uplink-chart-wan0");
            await Assertions.Expect(chart.Locator(".mud-chart-legend-item")).ToHaveTextAsync(["wan0 receive", "wan0 send"]);
            await Assertions.Expect(chart.Locator("svg text", new() { HasText = "bit/s" }).First).ToBeVisibleAsync();
            // Once the lease is taken the WAN is quiet (the lease lasts an hour: no renewal comes meanwhile).
            var now = chart.GetByTestId("throughput-now");
            await Assertions.Expect(now).ToHaveTextAsync("Now: wan0 receive 0 bit/s, wan0 send 0 bit/s.");
            await Browser.ScreenshotAsync(page, "lab-uplink-quiet");

            // Twenty pings a second of 1,200 bytes each way: some 200 kbit/s each way on the WAN. The figures
            // must pass 100 kbit/s, well above the few kbit/s a link's own chatter (IPv6, DHCP) makes.
            using (NamespaceProcess.Start(lab.Client, "busybox", "ping", "-q", "-s", "1200", "-i", "0.05", "-w", "60", Upstream))
            {
                const string Loaded = @"([1-9][0-9]{2}(\.[0-9])? kbit/s|[0-9.]+ [MG]bit/s)";
                await Assertions.Expect(now).ToHaveTextAsync(new Regex($@"^Now: wan0 receive {Loaded}, wan0 send {Loaded}\.$"));
                await Assertions.Expect(chart.Locator("path.mud-chart-line")).ToHaveCountAsync(2);
                await Browser.ScreenshotAsync(page, "lab-uplink-traffic");
            }
            Assert.True(browser.ConsoleErrors.Count == 0, string.Join("\n", browser.ConsoleErrors));
        }
        finally
        {
            ispFiles.Delete(recursive: true);
        }
    }

    /// <summary>The ISP's DHCP server: dnsmasq in the lab's upstream namespace, leasing 203.0.113.10-19 for an hour with the upstream as gateway.</summary>
    private static NamespaceProcess IspDhcpServer(Lab lab, string directory)
    {
        var config = Path.Combine(directory, "isp-dnsmasq.conf");
        File.WriteAllText(config, $"""
            interface=eth0
            bind-interfaces
            port=0
            dhcp-range=203.0.113.10,203.0.113.19,1h
            dhcp-option=option:router,{Upstream}
            dhcp-leasefile={Path.Combine(directory, "isp.leases")}
            """);
        return NamespaceProcess.Start(lab.Upstream, HelperPrograms.System.Resolve("dnsmasq"), "--keep-in-foreground", "--user=root",
            $"--conf-file={config}", $"--pid-file={Path.Combine(directory, "isp.pid")}");
    }
}
