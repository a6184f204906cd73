using System.Net;
using Microsoft.Playwright;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The Changes page in a real browser, signed in from a LAN address (the test server takes it from
/// a header): a change that would close the LAN's input to the dashboard is warned about in the
/// plan, the commit asks first, and a commit made anyway keeps a confirm window.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ManagementWarningDashboardTests : DashboardPageTests
{
    private const string Home = """
        {
          "schemaVersion": 1,
          "ports": [ { "name": "lan0" }, { "name": "wan0" } ],
          "addresses": [ { "device": "lan0", "address": "192.168.1.1/24" }, { "device": "wan0", "address": "198.51.100.2/24" } ],
          "firewall": {
            "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" }, { "name": "wan", "interfaces": [ "wan0" ], "masquerade": true } ],
            "forwardings": [ { "from": "lan", "to": "wan" } ]
          }
        }
        """;

    [Fact]
    public async Task Closing_the_lan_to_the_dashboard_is_warned_asked_and_committed_only_with_a_confirm_window()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "lockout-test", "write"));
        await automation.PutJsonAsync("/api/v1/config", Home).ExpectAsync(HttpStatusCode.OK);
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "home" }""").ExpectAsync(HttpStatusCode.Created);
        await automation.PutJsonAsync("/api/v1/zones/lan", """{ "name": "lan", "interfaces": [ "lan0" ], "input": "drop" }""").ExpectAsync(HttpStatusCode.OK);
        var page = await Chromium!.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [TestRemoteAddress.Header] = "192.168.1.50" });
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();

        await page.GotoAsync($"{Url}/changes");
        await page.GetByTestId("review-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("management-warnings")).ToContainTextAsync("You may lose your connection to this dashboard");
        await Assertions.Expect(page.GetByTestId("management-warning")).ToContainTextAsync("192.168.1.50");
        await Browser.ScreenshotAsync(page, "management-warning");
        await Browser.Field(page, "commit-message").FillAsync("close the lan");
        await Browser.Field(page, "confirm-within").FillAsync("0");

        // Asked first: cancelling commits nothing.
        await page.GetByTestId("commit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Single(Api.Engine.Applied);

        // Committed anyway: with a confirm window although the field said none.
        await page.GetByTestId("commit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit anyway" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToBeHiddenAsync();
        var committed = Api.Engine.Applied[^1];
        Assert.Equal(2, Api.Engine.Applied.Count);
        Assert.NotNull(committed.ConfirmWithin);
        Assert.True(committed.ConfirmWithin > TimeSpan.Zero, $"confirm window {committed.ConfirmWithin}");
        Assert.True(Chromium.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }
}
