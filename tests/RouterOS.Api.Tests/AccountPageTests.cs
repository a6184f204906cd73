using System.Net;
using Microsoft.Playwright;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The dashboard's Account and API tokens pages in a real browser (Debian's Chromium driven by
/// Playwright), served by the real API on a loopback port: password change, sessions with revoke,
/// tokens with an expiry.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccountPageTests : DashboardPageTests
{
    private const string NewPassword = "a new password from the dashboard";

    [Fact]
    public async Task The_password_is_changed_on_the_account_page_and_only_the_new_one_signs_in()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await Chromium!.NewPageAsync();
        await SignInAsync(page, Onboarding.AdminPassword);
        using var other = await Api.CreateBrowserAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
        // The repeat is the form's own check; the length and the current password are the API's.
        await FillPasswordFormAsync(page, Onboarding.AdminPassword, NewPassword, NewPassword + "!");
        await Assertions.Expect(Browser.FieldBox(page, "repeat-password")).ToContainTextAsync("does not match the new password");
        await FillPasswordFormAsync(page, Onboarding.AdminPassword, "too short", "too short");
        await Assertions.Expect(Browser.FieldBox(page, "new-password")).ToContainTextAsync("a password needs 10 to 256 characters");
        await FillPasswordFormAsync(page, "not the password at all", NewPassword, NewPassword);
        await Assertions.Expect(Browser.FieldBox(page, "current-password")).ToContainTextAsync("the current password is wrong");
        await Assertions.Expect(Browser.FieldBox(page, "new-password")).Not.ToContainTextAsync("a password needs");
        await FillPasswordFormAsync(page, Onboarding.AdminPassword, NewPassword, NewPassword);

        await Assertions.Expect(page.GetByTestId("password-changed")).ToContainTextAsync("Password changed");
        await Browser.ScreenshotAsync(page, "account-password-changed");
        // As the API does: this browser stays signed in, every other one is signed out.
        await Assertions.Expect(page.GetByTestId("session-row")).ToHaveCountAsync(1);
        await other.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);

        await page.GetByTestId("signed-in-as").ClickAsync(); // the account menu
        await page.GetByTestId("sign-out").ClickAsync();
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToBeVisibleAsync();
        await Browser.Field(page, "password").FillAsync(NewPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync(); // the app starts afresh once signed in
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("admin");
        OnlyTheRefusalsAsked([400, 401, 403]); // the short and wrong passwords, and the old one
    }

    [Fact]
    public async Task Another_session_revoked_on_the_account_page_gets_401_and_revoking_this_one_signs_out()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await Chromium!.NewPageAsync();
        await SignInAsync(page, Onboarding.AdminPassword);
        using var laptop = Api.CreateClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Laptop/1.0");
        await Onboarding.SignInAsync(laptop, null);
        await laptop.Get("/api/v1/status").ExpectAsync(HttpStatusCode.OK);

        await page.GetByTestId("signed-in-as").ClickAsync(); // the account menu under the name in the bar leads to the sessions
        await page.GetByTestId("menu-sessions").ClickAsync();
        var laptopRow = page.GetByTestId("session-row").Filter(new() { HasText = "Laptop/1.0" });
        await Assertions.Expect(laptopRow).ToHaveCountAsync(1);
        await Assertions.Expect(laptopRow.GetByTestId("this-session")).ToHaveCountAsync(0);
        var thisRow = page.GetByTestId("session-row").Filter(new() { Has = page.GetByTestId("this-session") });
        await Assertions.Expect(thisRow).ToHaveCountAsync(1);
        await Assertions.Expect(thisRow).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(thisRow).ToContainTextAsync("Chrome");
        await Browser.ScreenshotAsync(page, "account-sessions");

        await laptopRow.GetByTestId("revoke-session").ClickAsync();
        await ConfirmAsync(page, "Revoke");
        await Assertions.Expect(laptopRow).ToHaveCountAsync(0);
        await laptop.Get("/api/v1/status").ExpectAsync(HttpStatusCode.Unauthorized);

        await thisRow.GetByTestId("revoke-session").ClickAsync();
        await ConfirmAsync(page, "Revoke");
        await page.GetByTestId("sign-in").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        using var check = await Api.CreateBrowserAsync();
        var sessions = (await check.Get("/api/v1/auth/sessions").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.DoesNotContain(sessions, s => s!["userAgent"]?.GetValue<string>().Contains("Chrome", StringComparison.Ordinal) == true);
        Assert.True(Chromium.ConsoleErrors.Count == 0, string.Join("\n", Chromium.ConsoleErrors));
    }

    [Fact]
    public async Task A_token_is_created_with_an_expiry_date_and_listed_with_it_beside_one_that_never_expires_and_one_expired()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await Chromium!.NewPageAsync();
        await SignInAsync(page, Onboarding.AdminPassword);
        using (var browser = await Api.CreateBrowserAsync())
        {
            // Expires a minute from the router's (test) clock, which is then moved past it.
            var soon = Api.Time.GetUtcNow().AddMinutes(1);
            await browser.PostJsonAsync("/api/v1/tokens", $$"""{ "name": "short-lived", "scope": "read", "expiresAt": "{{soon:O}}" }""").ExpectAsync(HttpStatusCode.Created);
            Api.Time.Advance(TimeSpan.FromMinutes(2));
        }

        await page.GotoAsync($"{Url}/account");
        await page.GetByTestId("manage-tokens").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("token-summary")).ToContainTextAsync("1 token, 1 of them expired.");
        await page.GetByTestId("manage-tokens").ClickAsync();
        await Browser.Field(page, "token-name").FillAsync("monthly");
        await Browser.Field(page, "token-expires").FillAsync("2027-01-15");
        await page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(page.GetByTestId("created-token")).ToContainTextAsync("2027-01-15 00:00");
        await Browser.Field(page, "token-name").FillAsync("forever");
        await page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(page.GetByTestId("created-token")).ToContainTextAsync("forever");

        await Assertions.Expect(page.GetByTestId("token-monthly").GetByTestId("expires")).ToHaveTextAsync("2027-01-15 00:00");
        await Assertions.Expect(page.GetByTestId("token-forever").GetByTestId("expires")).ToHaveTextAsync("never");
        await Assertions.Expect(page.GetByTestId("token-short-lived").GetByTestId("expires")).ToHaveTextAsync("expired");
        await Browser.ScreenshotAsync(page, "tokens-expiry");

        // A date already past by the router's clock: the API's refusal, under the field.
        await Browser.Field(page, "token-name").FillAsync("too-late");
        await Browser.Field(page, "token-expires").FillAsync("2026-01-01");
        await page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(Browser.FieldBox(page, "token-expires")).ToContainTextAsync("must be in the future");
        await Assertions.Expect(page.GetByTestId("token-too-late")).ToHaveCountAsync(0);

        await page.GetByTestId("token-monthly").GetByTestId("revoke").ClickAsync();
        await ConfirmAsync(page, "Revoke");
        await Assertions.Expect(page.GetByTestId("token-monthly")).ToHaveCountAsync(0);
        OnlyTheRefusalsAsked([400]); // the past date
    }

    private async Task SignInAsync(IPage page, string password)
    {
        (await Api.CreateBrowserAsync()).Dispose(); // sets the admin password
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
    }

    /// <summary>
    /// No console error but Chromium's line for each refusal the test provoked on purpose (it logs
    /// every 4xx answer to a fetch); anything else, a .NET exception included, fails the test.
    /// </summary>
    private void OnlyTheRefusalsAsked(int[] statuses)
    {
        Assert.All(Chromium!.ConsoleErrors, error => Assert.Contains(statuses,
            status => error == $"Failed to load resource: the server responded with a status of {status} ({ReasonOf(status)})"));
    }

    private static string ReasonOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a refusal these tests provoke"),
    };

    /// <summary>The button of the open dialog (the page has buttons of the same name in its rows).</summary>
    private static Task ConfirmAsync(IPage page, string button) =>
        page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    private static async Task FillPasswordFormAsync(IPage page, string current, string newPassword, string repeat)
    {
        await Browser.Field(page, "current-password").FillAsync(current);
        await Browser.Field(page, "new-password").FillAsync(newPassword);
        await Browser.Field(page, "repeat-password").FillAsync(repeat);
        await page.GetByTestId("change-password").ClickAsync();
    }
}
