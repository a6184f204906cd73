using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using RouterOS.Api.Commits;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// In a real browser, without a reload: a commit, its confirmation and an automatic rollback show
/// at once on the Changes and Revisions pages and in the badge, each with a message saying what happened.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ChangeEventsDashboardTests : DashboardPageTests
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
    public async Task A_commit_its_confirmation_and_an_automatic_rollback_show_without_a_reload()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "events-test", "write"));
        await automation.PutJsonAsync("/api/v1/config", Home).ExpectAsync(HttpStatusCode.OK);
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "home" }""").ExpectAsync(HttpStatusCode.Created);
        await automation.PutJsonAsync("/api/v1/ports/lan9", """{ "name": "lan9" }""").ExpectAsync(HttpStatusCode.OK);
        var page = await Chromium!.NewPageAsync();
        var statusReads = 0;
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/api/v1/status")
                Interlocked.Increment(ref statusReads);
        };
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();

        // Commit from the Changes page: the message names the revision and its window; the badge goes.
        await page.Locator("a[href='changes']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToHaveTextAsync("1");
        await page.GetByTestId("review-plan").ClickAsync();
        await Browser.Field(page, "confirm-within").FillAsync("120");
        await page.GetByTestId("commit").ClickAsync();
        await Assertions.Expect(page.GetByText("Committed revision 2: confirm within 2 min")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("no-edits")).ToBeVisibleAsync();

        // Confirm from the banner while the Revisions page is open: the revision's state follows.
        await page.Locator("a[href='revisions']").ClickAsync();
        await Assertions.Expect(page.GetByTestId("revision-2").GetByTestId("state")).ToContainTextAsync("pending");
        await page.GetByTestId("confirm-banner").GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(page.GetByText("Confirmed: revision 2 stays.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("revision-2").GetByTestId("state")).ToContainTextAsync("confirmed");
        await Assertions.Expect(page.GetByTestId("confirm-banner")).ToBeHiddenAsync();

        // Another client edits and commits with a short window: the badge, the banner and the list follow,
        // pushed by the change hub: the page reads no status meanwhile (its safety poll runs only while the hub is down).
        var statusReadsBefore = Volatile.Read(ref statusReads);
        await automation.PutJsonAsync("/api/v1/ports/lan8", """{ "name": "lan8" }""").ExpectAsync(HttpStatusCode.OK);
        await Assertions.Expect(page.GetByTestId("pending-edits")).ToHaveTextAsync("1");
        var pending = await automation.PostJsonAsync("/api/v1/commit", """{ "confirmWithinSeconds": 30 }""").ExpectAsync(HttpStatusCode.Created);
        await Assertions.Expect(page.GetByTestId("confirm-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("revision-3").GetByTestId("state")).ToContainTextAsync("pending");
        Assert.Equal(statusReadsBefore, Volatile.Read(ref statusReads));

        // Nobody confirms: at the deadline the router rolls back by itself, and the page says so.
        var watcher = Api.Services.GetServices<IHostedService>().OfType<RollbackWatcher>().Single();
        await Eventually.HoldsAsync(() => watcher.Sleeping?.WakeAt == pending["confirmDeadline"]!.GetValue<DateTimeOffset>());
        Api.Time.Advance(TimeSpan.FromSeconds(31));
        await Assertions.Expect(page.GetByText("Rolled back automatically: revision 3 was not confirmed in time.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("rolled-back-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("revision-3").GetByTestId("state")).ToContainTextAsync("rolled");
        await Browser.ScreenshotAsync(page, "change-events-rolled-back");
        Assert.True(Chromium.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }
}
