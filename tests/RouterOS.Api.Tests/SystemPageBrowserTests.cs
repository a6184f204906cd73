using System.Net;
using System.Text;
using Microsoft.Playwright;
using RouterOS.Api.Contracts;
using RouterOS.Api.Tests.Support;

namespace RouterOS.Api.Tests;

/// <summary>
/// The dashboard's System page in a real browser (Debian's Chromium driven by Playwright), served by the
/// real API on a loopback port, on a device image with two slots (the engine's firmware service faked):
/// a bundle uploaded through the file input and its progress as it streams, refusals in plain words,
/// reboot and factory reset behind their confirmations, and a backup downloaded by the browser and
/// restored through the page.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class SystemPageBrowserTests : DashboardPageTests
{
    private const string Passphrase = "a long backup passphrase";

    /// <summary>A phone's screen, where the menu is behind its button and wide tables scroll inside themselves.</summary>
    private static readonly (int Width, int Height) Phone = (390, 844);

    [Fact]
    public async Task The_slots_show_and_a_bundle_uploaded_on_the_page_installs_line_by_line_then_the_page_offers_the_reboot()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await OpenSystemPageAsync();

        await Assertions.Expect(page.GetByTestId("running-version")).ToHaveTextAsync("1.0.0");
        await Assertions.Expect(page.GetByTestId("compatible")).ToHaveTextAsync("routeros-x86_64");
        var a = page.GetByTestId("slot-A");
        var b = page.GetByTestId("slot-B");
        await ExpectSlotAsync(a, "1.0.0", "booted", "good");
        await ExpectSlotAsync(b, "unknown (as written with the image)", "inactive", "bad");
        await Assertions.Expect(a.GetByTestId("booted")).ToBeVisibleAsync();
        await Assertions.Expect(a.GetByTestId("next-boot")).ToBeVisibleAsync();
        await Assertions.Expect(b.GetByTestId("booted")).ToHaveCountAsync(0);
        await Assertions.Expect(b.GetByTestId("next-boot")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("disabled-reason")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "system-slots");

        // The outcome waits until the test has seen the lines before it: they must show as they stream.
        var outcome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Api.EngineSystem.HoldOutcome = outcome;
        var bundle = Bundle(300_000);
        await ChooseBundleAsync(page, "routeros-1.1.0.raucb", bundle);
        await Assertions.Expect(page.GetByTestId("bundle-name")).ToHaveTextAsync("routeros-1.1.0.raucb (300 kB)");
        // Said once, by the page: MudFileUpload's own chip of the file would repeat it, and outlive the page's choice.
        await Assertions.Expect(page.GetByTestId("upgrade-section").GetByText("routeros-1.1.0.raucb")).ToHaveCountAsync(1);
        await page.GetByTestId("install").ClickAsync();

        var lines = page.GetByTestId("upgrade-line");
        await Assertions.Expect(lines).ToHaveCountAsync(3);
        await Assertions.Expect(lines.Nth(0)).ToContainTextAsync("checking the bundle's signature");
        await Assertions.Expect(lines.Nth(2)).ToContainTextAsync("90 %");
        await Assertions.Expect(lines.Nth(2)).ToContainTextAsync("Copying image to rootfs.1");
        await Assertions.Expect(page.GetByTestId("upgrade-outcome")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("install")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "system-upgrade-under-way");
        outcome.SetResult();

        await Assertions.Expect(page.GetByTestId("upgrade-outcome")).ToContainTextAsync("Version 1.1.0 installed into the other slot");
        await Assertions.Expect(lines).ToHaveCountAsync(4);
        // The slots are read again after the install: B holds the new version and boots next.
        await ExpectSlotAsync(b, "1.1.0", "inactive", "good");
        await Assertions.Expect(b.GetByTestId("next-boot")).ToBeVisibleAsync();
        await Assertions.Expect(a.GetByTestId("next-boot")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("boot-change")).ToContainTextAsync("The next boot starts slot B, not the running slot A");
        Assert.Equal(bundle, Assert.Single(Api.EngineSystem.Uploads));
        await Browser.ScreenshotAsync(page, "system-upgrade-installed");

        await page.GetByTestId("reboot-now").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToContainTextAsync("starting slot B");
        Assert.Equal(0, Api.EngineSystem.Reboots);
        await DialogButton(page, "Reboot").ClickAsync();
        await Assertions.Expect(page.GetByTestId("restarting")).ToContainTextAsync("The router is rebooting: rebooting: the router is back in about a minute");
        Assert.Equal(1, Api.EngineSystem.Reboots);
        OnlyTheRefusalsAsked([]);
    }

    [Fact]
    public async Task A_bundle_for_another_device_is_refused_with_the_engines_reason_and_nothing_is_offered()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        const string Reason = "nothing was written: the bundle is made for 'routeros-aarch64' and this router is 'routeros-x86_64': a bundle for another architecture or product is never installed";
        Api.EngineSystem.InstallScript =
        [
            new UpgradeProgress("checking", 0, "checking the bundle's signature and that it is made for this device"),
            new UpgradeProgress("refused", 0, Reason),
        ];
        var page = await OpenSystemPageAsync();
        await Assertions.Expect(page.GetByTestId("slot-A")).ToBeVisibleAsync();

        await ChooseBundleAsync(page, "routeros-aarch64-1.1.0.raucb", Bundle(2_000));
        await page.GetByTestId("install").ClickAsync();

        var outcome = page.GetByTestId("upgrade-outcome");
        // The router's reason once, as it gave it ("nothing was written: ..."), and nothing said twice.
        await Assertions.Expect(outcome).ToHaveTextAsync($"The bundle was refused: {Reason}. The router runs as before.");
        await Assertions.Expect(outcome).Not.ToContainTextAsync("Installed");
        await Assertions.Expect(page.GetByTestId("reboot-now")).ToHaveCountAsync(0);
        // A refused bundle is let go: it cannot be sent again by mistake.
        await Assertions.Expect(page.GetByTestId("bundle-name")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("upgrade-section")).Not.ToContainTextAsync("routeros-aarch64-1.1.0.raucb");
        await Assertions.Expect(page.GetByTestId("install")).ToBeDisabledAsync();
        await ExpectSlotAsync(page.GetByTestId("slot-B"), "unknown (as written with the image)", "inactive", "bad");
        await Browser.ScreenshotAsync(page, "system-upgrade-refused");
        OnlyTheRefusalsAsked([422]);
    }

    [Fact]
    public async Task A_reboot_happens_only_once_confirmed()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await OpenSystemPageAsync();
        await Assertions.Expect(page.GetByTestId("slot-A")).ToBeVisibleAsync();

        await page.GetByTestId("reboot").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToContainTextAsync("Reboot the router?");
        await Assertions.Expect(Dialog(page)).ToContainTextAsync("starting slot A");
        await DialogButton(page, "Cancel").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToHaveCountAsync(0);
        Assert.Equal(0, Api.EngineSystem.Reboots);

        await page.GetByTestId("reboot").ClickAsync();
        await DialogButton(page, "Reboot").ClickAsync();

        await Assertions.Expect(page.GetByTestId("restarting")).ToContainTextAsync("back in about a minute");
        // Exactly one: the cancelled dialog sent nothing.
        Assert.Equal(1, Api.EngineSystem.Reboots);
        await Assertions.Expect(page.GetByTestId("reboot")).ToBeDisabledAsync();
        Assert.Equal(0, Api.EngineSystem.FactoryResets);
        OnlyTheRefusalsAsked([]);
    }

    [Fact]
    public async Task A_factory_reset_on_a_phone_happens_only_once_the_word_is_typed_and_confirmed()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        var page = await OpenSystemPageAsync(Phone);
        // The page fits the screen; the slots table scrolls inside itself to what runs and what boots next.
        await Assertions.Expect(page.GetByTestId("slot-A")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the System page is {width} px wide on a {Phone.Width} px screen");
        var nextBoot = page.GetByTestId("slot-A").GetByTestId("next-boot");
        await nextBoot.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(nextBoot).ToBeInViewportAsync();
        var confirm = page.GetByTestId("factory-reset-confirm");
        var word = Browser.Field(page, "factory-reset-word");

        await page.GetByTestId("factory-reset").ClickAsync();
        await Assertions.Expect(page.GetByTestId("factory-reset-losses")).ToContainTextAsync("the configuration and every revision of it");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await word.FillAsync("factory reset");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "system-factory-reset-dialog");
        await page.GetByTestId("factory-reset-cancel").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToHaveCountAsync(0);
        Assert.Equal(0, Api.EngineSystem.FactoryResets);

        await page.GetByTestId("factory-reset").ClickAsync();
        await word.FillAsync("factory-reset");
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();

        await Assertions.Expect(page.GetByTestId("restarting")).ToContainTextAsync("Factory reset: the data partition is erased at the next boot");
        await Assertions.Expect(page.GetByTestId("start-again")).ToBeVisibleAsync();
        Assert.Equal(1, Api.EngineSystem.FactoryResets);
        Assert.Equal(0, Api.EngineSystem.Reboots);
        await Assertions.Expect(page.GetByTestId("factory-reset")).ToBeDisabledAsync();
        OnlyTheRefusalsAsked([]);
    }

    [Fact]
    public async Task A_backup_is_downloaded_by_the_browser_and_restored_through_the_page_while_bad_files_are_refused_with_the_reason()
    {
        Assert.SkipWhen(Chromium is null, Browser.Missing);
        // Revision 1: the home router (with its PPPoE password) named gateway.
        using var automation = new HttpClient { BaseAddress = new Uri(Url) };
        using (var browser = await Api.CreateBrowserAsync())
            Onboarding.UseToken(automation, await Onboarding.CreateTokenAsync(browser, "system-page-test", "write"));
        await automation.PutJsonAsync("/api/v1/config", ApiCalls.Example("home-router").Replace("\"hostname\": \"router\"", "\"hostname\": \"gateway\"", StringComparison.Ordinal))
            .ExpectAsync(HttpStatusCode.OK);
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "first setup" }""").ExpectAsync(HttpStatusCode.Created);
        var page = await OpenSystemPageAsync();
        var downloads = 0;
        page.Download += (_, _) => downloads++;

        // No passphrase, no download: the form says why.
        await page.GetByTestId("download-backup").ClickAsync();
        await Assertions.Expect(Browser.FieldBox(page, "backup-passphrase")).ToContainTextAsync("at least 12 characters");
        await Browser.Field(page, "backup-passphrase").FillAsync(Passphrase);
        await Browser.Field(page, "backup-repeat").FillAsync(Passphrase);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-backup").ClickAsync());

        Assert.Equal("routeros-backup-20261125-120000.json", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var file = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains("\"hostname\": \"gateway\"", Encoding.UTF8.GetString(file), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("backup-saved")).ToContainTextAsync("Saved as routeros-backup-20261125-120000.json");
        Assert.Equal(1, downloads);
        await Browser.ScreenshotAsync(page, "system-backup-saved");

        // Then the router is renamed (revision 2), and bad files change nothing.
        await automation.PutJsonAsync("/api/v1/system", """{ "hostname": "renamed" }""").ExpectAsync(HttpStatusCode.OK);
        await automation.PostJsonAsync("/api/v1/commit", """{ "message": "rename" }""").ExpectAsync(HttpStatusCode.Created);
        var applied = Api.Engine.Applied.Count;

        await RestoreAsync(page, "notes.json", Encoding.UTF8.GetBytes("not json at all"), Passphrase);
        await Assertions.Expect(page.GetByTestId("restore-error")).ToContainTextAsync("Nothing was restored: this is not a RouterOS backup: it is not JSON");
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(file).Replace("\"hostname\": \"gateway\"", "\"hostname\": \"evil\"", StringComparison.Ordinal));
        await RestoreAsync(page, "changed-backup.json", changed, Passphrase);
        await Assertions.Expect(page.GetByTestId("restore-error")).ToContainTextAsync("Nothing was restored: this backup was changed after it was made");
        await RestoreAsync(page, download.SuggestedFilename, file, "not the passphrase at all");
        await Assertions.Expect(page.GetByTestId("restore-error"))
            .ToContainTextAsync("Nothing was restored: the passphrase is not the one this backup was made with; nothing was changed");
        await Assertions.Expect(page.GetByTestId("restored")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "system-restore-refused");
        Assert.Equal(applied, Api.Engine.Applied.Count);

        // The file as the browser saved it restores: the seal and the sealed secret came through intact.
        await RestoreAsync(page, "backup-again.json", file, Passphrase);
        await Assertions.Expect(page.GetByTestId("restored")).ToContainTextAsync("Restored from a backup made ");
        await Assertions.Expect(page.GetByTestId("restore-error")).ToHaveCountAsync(0);
        var restored = Api.Engine.Applied[^1];
        await Assertions.Expect(page.GetByTestId("restored")).ToContainTextAsync($"Restored as revision {restored.Revision}:");
        Assert.Equal(applied + 1, Api.Engine.Applied.Count);
        Assert.Equal("gateway", restored.Config.SystemOrDefault.Hostname?.ToString());
        Assert.Equal("change-me", Assert.Single(restored.Config.Pppoe).Password.Reveal());
        OnlyTheRefusalsAsked([422]); // the three bad files; the short passphrase is the form's own check, never sent
    }

    /// <summary>Signs in as the administrator and opens the System page from the menu (on a phone, behind the menu button).</summary>
    private async Task<IPage> OpenSystemPageAsync((int Width, int Height)? screen = null)
    {
        (await Api.CreateBrowserAsync()).Dispose(); // sets the admin password
        var page = screen is var (width, height) ? await Chromium!.NewPageAsync(width, height) : await Chromium!.NewPageAsync();
        await page.GotoAsync($"{Url}/login");
        await Browser.Field(page, "password").FillAsync(Onboarding.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("signed-in-as").WaitForAsync();
        if (screen is not null)
            await page.GetByRole(AriaRole.Button, new() { Name = "menu", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("firmware")).ToBeVisibleAsync();
        return page;
    }

    private static async Task ExpectSlotAsync(ILocator slot, string version, string state, string bootStatus)
    {
        await Assertions.Expect(slot.GetByTestId("version")).ToHaveTextAsync(version);
        await Assertions.Expect(slot.GetByTestId("state")).ToHaveTextAsync(state);
        await Assertions.Expect(slot.GetByTestId("boot-status")).ToHaveTextAsync(bootStatus);
    }

    private static Task ChooseBundleAsync(IPage page, string name, byte[] bytes) =>
        ChooseFileAsync(page, "choose-bundle", new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = bytes });

    /// <summary>
    /// Clicks the section's button and picks the file in the chooser it opens, as an administrator does: the
    /// button reaches the hidden input through MudBlazor's JS interop, which a bUnit test does not run.
    /// </summary>
    private static async Task ChooseFileAsync(IPage page, string button, FilePayload file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId(button).ClickAsync());
        await chooser.SetFilesAsync(file);
    }

    /// <summary>Chooses <paramref name="file"/> in the restore section, gives the passphrase and confirms the restore.</summary>
    private static async Task RestoreAsync(IPage page, string name, byte[] file, string passphrase)
    {
        await ChooseFileAsync(page, "choose-backup", new FilePayload { Name = name, MimeType = "application/json", Buffer = file });
        await Assertions.Expect(page.GetByTestId("backup-file-name")).ToHaveTextAsync(name);
        await Assertions.Expect(page.GetByTestId("restore-section").GetByText(name)).ToHaveCountAsync(1);
        await Browser.Field(page, "restore-passphrase").FillAsync(passphrase);
        await page.GetByTestId("restore").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToContainTextAsync($"Restore {name}?");
        await DialogButton(page, "Restore").ClickAsync();
        await Assertions.Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    private static ILocator Dialog(IPage page) => page.Locator(".mud-dialog");

    /// <summary>The button of the open dialog (the page has buttons of the same name).</summary>
    private static ILocator DialogButton(IPage page, string name) => Dialog(page).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Bytes standing for a bundle (the fake engine does not read them).</summary>
    private static byte[] Bundle(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7))];

    /// <summary>
    /// No console error but Chromium's line for each refusal the test provoked on purpose (it logs every
    /// 4xx answer to a fetch); anything else, a .NET exception or a failed JS interop included, fails the test.
    /// </summary>
    private void OnlyTheRefusalsAsked(int[] statuses) =>
        Assert.All(Chromium!.ConsoleErrors, error => Assert.Contains(statuses,
            status => error == $"Failed to load resource: the server responded with a status of {status} ({ReasonOf(status)})"));

    private static string ReasonOf(int status) => status switch
    {
        422 => "Unprocessable Entity",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a refusal these tests provoke"),
    };
}
