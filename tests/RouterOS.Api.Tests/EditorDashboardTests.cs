using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RouterOS.Api.Store;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The editors of what was REST-only before (a PPPoE uplink, DHCP clients, DNS, the host name) in a
/// real browser against the real API: each edits through the page, then the REST API shows that
/// the candidate holds the change, and a PPPoE password left empty on the page is still there.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class EditorDashboardTests : DashboardPageTests
{
    private const string IspPassword = "the ISP's password";

    private const string Home = $$"""
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" }, { "name": "wan1" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" } ],
          "pppoe": [ { "name": "ppp-wan", "parent": "wan0", "username": "user@isp", "password": "{{IspPassword}}" } ],
          "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.199", "domain": "home.test" } ] }
        }
        """;

    [Fact]
    public async Task A_pppoe_uplink_is_edited_on_the_page_and_its_stored_password_is_kept()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/interfaces?focus=pppoe%5Bppp-wan%5D");
        await Assertions.Expect(page.GetByTestId("pppoe-form")).ToBeVisibleAsync();
        await Browser.Field(page, "pppoe-service").FillAsync("internet");
        await Browser.Field(page, "pppoe-mtu").FillAsync("1480");
        await Browser.Field(page, "pppoe-ipv6").CheckAsync();
        await Browser.ScreenshotAsync(page, "pppoe-form");
        await page.GetByTestId("pppoe-save").ClickAsync();
        await Assertions.Expect(page.GetByText("pppoe[ppp-wan] saved in the candidate")).ToBeVisibleAsync();

        var uplink = await automation.Get("/api/v1/pppoe/ppp-wan").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("internet", 1480, true), (uplink["serviceName"]!.GetValue<string>(), uplink["mtu"]!.GetValue<int>(), uplink["ipv6"]!.GetValue<bool>()));
        Assert.Equal(IspPassword, (await CandidateAsync()).Pppoe.Single().Password.Reveal());
        Assert.True(Chromium!.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    [Fact]
    public async Task A_dhcp_client_is_added_on_an_uplink_on_the_dhcp_page()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/dhcp");
        await page.GetByTestId("add-dhcp/clients").ClickAsync();
        await Browser.SelectAsync(page, "dhcp-client-device", "wan1");
        await Browser.Field(page, "dhcp-client-metric").FillAsync("10");
        await Browser.Field(page, "dhcp-client-hostname").FillAsync("cpe1");
        await page.GetByTestId("dhcp-client-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dhcp/clients-row-wan1")).ToBeVisibleAsync();

        var client = await automation.Get("/api/v1/dhcp/clients/wan1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((10, "cpe1"), (client["routeMetric"]!.GetValue<int>(), client["hostname"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dns_upstreams_and_a_static_host_name_are_edited_beside_the_local_domain()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/dhcp");
        await Assertions.Expect(page.GetByTestId("dns-local-domains")).ToContainTextAsync("home.test on lan0");
        await Browser.Field(page, "dns-upstreams").FillAsync("192.0.2.53, 192.0.2.54");
        await page.GetByTestId("dns-add-host").ClickAsync();
        await Browser.Field(page, "dns-host-name-0").FillAsync("nas.home.test");
        await Browser.Field(page, "dns-host-address-0").FillAsync("192.168.1.5");
        await Browser.ScreenshotAsync(page, "dns-form");
        await page.GetByTestId("dns-save").ClickAsync();
        await Assertions.Expect(page.GetByText("The dns settings are saved in the candidate")).ToBeVisibleAsync();

        var dns = await automation.Get("/api/v1/dns").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""["192.0.2.53","192.0.2.54"]""", dns["upstreamServers"]!.Text());
        Assert.Equal("""[{"name":"nas.home.test","address":"192.168.1.5"}]""", dns["hosts"]!.Text());
    }

    [Fact]
    public async Task The_host_name_is_edited_on_the_system_page_and_waits_under_changes()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        var page = await StartAsync(automation);

        await page.GotoAsync($"{Url}/system");
        await Browser.Field(page, "system-hostname").FillAsync("gateway");
        await Assertions.Expect(page.GetByTestId("system-settings-form")).ToContainTextAsync("gateway.home.test");
        await page.GetByTestId("system-save").ClickAsync();
        await Assertions.Expect(page.GetByText("The system settings are saved in the candidate")).ToBeVisibleAsync();

        var system = await automation.Get("/api/v1/system").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("gateway", system["hostname"]!.GetValue<string>());
        await page.GotoAsync($"{Url}/changes");
        await Assertions.Expect(page.GetByTestId("edits")).ToContainTextAsync("system");
    }

    /// <summary>Puts <see cref="Home"/> in the candidate through a write token, as automation would, and signs a page in.</summary>
    private Task<IPage> StartAsync(HttpClient automation) => SignedInWithConfigAsync(automation, Home, "editor-test");

    /// <summary>The candidate as the store holds it, secrets in clear (no API answer shows them).</summary>
    private async Task<Domain.Model.RouterConfig> CandidateAsync()
    {
        using var scope = Api.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<CandidateStore>().GetAsync(TestContext.Current.CancellationToken)).Config;
    }
}
