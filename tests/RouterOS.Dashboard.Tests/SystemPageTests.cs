using System.IO.Pipelines;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The System page, against the API's system endpoints as the fake answers them: the slots or why there are
/// none, an upgrade's progress as it streams, refusals in the router's words, and the confirmations that
/// stand before a reboot and a factory reset.
/// </summary>
public sealed class SystemPageTests
{
    private const string DeviceImage = """
        { "version": "1.2.0", "engineVersion": "1.2.0", "deviceImage": true, "notDeviceImage": null, "compatible": "routeros-x86_64",
          "booted": "A", "nextBoot": "A", "maxBundleBytes": 268435456,
          "slots": [
            { "name": "rootfs.0", "bootname": "A", "state": "booted", "version": "1.2.0", "bootStatus": "good", "booted": true, "nextBoot": true },
            { "name": "rootfs.1", "bootname": "B", "state": "inactive", "version": "1.3.0", "bootStatus": "bad", "booted": false, "nextBoot": false } ] }
        """;

    private const string LabMachine = """
        { "version": "1.2.0", "engineVersion": "1.2.0", "deviceImage": false, "notDeviceImage": "there is no RAUC system configuration (/etc/rauc/system.conf)",
          "compatible": null, "booted": null, "nextBoot": null, "slots": [], "maxBundleBytes": 268435456 }
        """;

    [Fact]
    public async Task Not_a_device_image_says_why_and_turns_off_upgrade_reboot_and_factory_reset_but_not_backup()
    {
        await using var context = Context(LabMachine);
        var page = context.Render<SystemPage>();

        await page.WaitForAssertionAsync(() => Assert.Contains("no RAUC system configuration", page.Find("[data-testid=not-device-image]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=slots]"));
        foreach (var control in new[] { "choose-bundle", "install", "reboot", "factory-reset" })
            Assert.True(page.Find($"[data-testid={control}]").HasAttribute("disabled"), $"{control} is on");
        var reasons = page.FindAll("[data-testid=disabled-reason]");
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, reason => Assert.Contains("not a device image: there is no RAUC system configuration", reason.TextContent, StringComparison.Ordinal));
        Assert.False(page.Find("[data-testid=download-backup]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_slots_show_which_runs_which_boots_next_what_each_holds_and_whether_it_is_good()
    {
        await using var context = Context(DeviceImage);
        var page = context.Render<SystemPage>();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=slot-A]")));
        Assert.Equal("1.2.0", page.Find("[data-testid=running-version]").TextContent);
        var a = page.Find("[data-testid=slot-A]");
        var b = page.Find("[data-testid=slot-B]");
        Assert.Equal(("1.2.0", "booted", "good"), (Text(a, "version"), Text(a, "state"), Text(a, "boot-status")));
        Assert.Equal(("1.3.0", "inactive", "bad"), (Text(b, "version"), Text(b, "state"), Text(b, "boot-status")));
        Assert.NotNull(a.QuerySelector("[data-testid=booted]"));
        Assert.NotNull(a.QuerySelector("[data-testid=next-boot]"));
        Assert.Null(b.QuerySelector("[data-testid=booted]"));
        Assert.Null(b.QuerySelector("[data-testid=next-boot]"));
        Assert.Empty(page.FindAll("[data-testid=disabled-reason]"));
    }

    [Fact]
    public async Task An_upgrade_shows_each_progress_line_as_it_arrives_then_offers_the_reboot()
    {
        await using var context = Context(DeviceImage);
        var progress = new Pipe();
        string? sentType = null;
        context.Router.Answers["/api/v1/system/upgrade"] = request =>
        {
            sentType = request.Content?.Headers.ContentType?.MediaType;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(progress.Reader.AsStream()) };
        };
        var page = context.Render<SystemPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=slot-A]")));

        ChooseFile(page, ".raucb", "update-1.3.1.raucb", "the bundle");
        page.Find("[data-testid=install]").Click();
        await WriteAsync(progress, """{"phase":"installing","percent":40,"message":"Copying image to rootfs.1"}""");

        // The first line shows while the router has not yet sent the rest: read as it comes, not at the end.
        await page.WaitForAssertionAsync(() => Assert.Contains("Copying image to rootfs.1", Assert.Single(page.FindAll("[data-testid=upgrade-line]")).TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=upgrade-outcome]"));

        await WriteAsync(progress, """{"phase":"installed","percent":100,"message":"slot B holds 1.3.1"}""");
        await progress.Writer.CompleteAsync();
        await page.WaitForAssertionAsync(() => Assert.Contains("Slot B holds 1.3.1.", page.Find("[data-testid=upgrade-outcome]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, page.FindAll("[data-testid=upgrade-line]").Count);
        Assert.NotNull(page.Find("[data-testid=reboot-now]"));
        var upload = Assert.Single(context.Router.Writes);
        Assert.Equal((HttpMethod.Post, "/api/v1/system/upgrade", "the bundle", "application/octet-stream"), (upload.Method, upload.Path, upload.Body, sentType));
    }

    [Fact]
    public async Task A_refused_bundle_shows_the_router_s_reason_and_that_nothing_was_written()
    {
        await using var context = Context(DeviceImage);
        context.Router.Answers["/api/v1/system/upgrade"] = _ => Json(HttpStatusCode.UnprocessableEntity,
            """{"title":"The bundle was refused","detail":"nothing was written: the bundle is signed by a key this device does not trust","status":422}""");
        var page = context.Render<SystemPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=slot-A]")));

        ChooseFile(page, ".raucb", "foreign.raucb", "someone else's bundle");
        page.Find("[data-testid=install]").Click();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=upgrade-outcome]")));
        var outcome = page.Find("[data-testid=upgrade-outcome]").TextContent;
        // The router's reason once, as it gave it, and nothing said twice.
        Assert.Equal("The bundle was refused: nothing was written: the bundle is signed by a key this device does not trust. The router runs as before.", outcome.Trim());
        Assert.Empty(page.FindAll("[data-testid=reboot-now]"));
    }

    [Fact]
    public async Task A_reboot_waits_for_the_confirmation_and_names_the_action()
    {
        await using var context = Context(DeviceImage);
        context.Router.Answers["/api/v1/system/reboot"] = _ => Json(HttpStatusCode.Accepted, """{"message":"rebooting: the router is back in about a minute"}""");
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<SystemPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=slot-A]")));

        page.Find("[data-testid=reboot]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Cancel")));
        await Button(dialogs, "Cancel").ClickAsync(new());
        Assert.Empty(context.Router.Writes);

        page.Find("[data-testid=reboot]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Reboot")));
        await Button(dialogs, "Reboot").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Contains("back in about a minute", page.Find("[data-testid=restarting]").TextContent, StringComparison.Ordinal));
        var reboot = Assert.Single(context.Router.Writes);
        Assert.Equal(("/api/v1/system/reboot", """{"confirm":"reboot"}"""), (reboot.Path, reboot.Body));
    }

    [Fact]
    public async Task A_backup_needs_a_long_passphrase_typed_twice_then_is_fetched_with_it_in_the_header_and_saved()
    {
        await using var context = Context(LabMachine);
        string? sentPassphrase = null;
        context.Router.Answers["/api/v1/system/backup"] = request =>
        {
            sentPassphrase = request.Headers.GetValues("X-Backup-Passphrase").Single();
            var file = Json(HttpStatusCode.OK, """{"format":"routeros-backup"}""");
            file.Content.Headers.ContentDisposition = new("attachment") { FileName = "routeros-backup-20270101-120000.json" };
            return file;
        };
        var saver = context.JSInterop.SetupModule("./js/save-file.js");
        var page = context.Render<SystemPage>();

        Fields.Input(page, "backup-passphrase").Change("too short");
        Fields.Input(page, "backup-repeat").Change("too short");
        page.Find("[data-testid=backup-section] form").Submit();
        Assert.Contains("at least 12 characters", Fields.Text(page, "backup-passphrase"), StringComparison.Ordinal);

        Fields.Input(page, "backup-passphrase").Change("correct horse battery");
        Fields.Input(page, "backup-repeat").Change("correct horse batterie");
        page.Find("[data-testid=backup-section] form").Submit();
        Assert.Contains("does not match", Fields.Text(page, "backup-repeat"), StringComparison.Ordinal);
        Assert.Null(sentPassphrase);

        Fields.Input(page, "backup-repeat").Change("correct horse battery");
        page.Find("[data-testid=backup-section] form").Submit();

        await page.WaitForAssertionAsync(() => Assert.Contains("routeros-backup-20270101-120000.json", page.Find("[data-testid=backup-saved]").TextContent, StringComparison.Ordinal));
        Assert.Equal("correct horse battery", sentPassphrase);
        var saved = saver.VerifyInvoke("saveFile");
        Assert.Equal("routeros-backup-20270101-120000.json", saved.Arguments[0]);
        Assert.Equal("""{"format":"routeros-backup"}""", Encoding.UTF8.GetString((byte[])saved.Arguments[2]!));
    }

    [Fact]
    public async Task A_refused_restore_shows_the_reason_and_each_finding()
    {
        await using var context = Context(LabMachine);
        string? sentPassphrase = null;
        context.Router.Answers["/api/v1/system/restore"] = request =>
        {
            sentPassphrase = request.Headers.GetValues("X-Backup-Passphrase").Single();
            return Json(HttpStatusCode.UnprocessableEntity, """
                {"title":"The backup cannot be restored","detail":"its running configuration does not verify; nothing was changed","status":422,
                 "findings":[{"severity":"error","path":"ports[eth9]","message":"there is no device eth9 in the kernel"}]}
                """);
        };
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<SystemPage>();

        ChooseFile(page, ".json", "routeros-backup.json", """{"format":"routeros-backup"}""");
        Fields.Type(page, "restore-passphrase", "correct horse battery");
        page.Find("[data-testid=restore]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Restore")));
        await Button(dialogs, "Restore").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=restore-error]")));
        Assert.Contains("Nothing was restored: its running configuration does not verify", page.Find("[data-testid=restore-error]").TextContent, StringComparison.Ordinal);
        var finding = Assert.Single(page.FindAll("[data-testid=restore-finding]"));
        Assert.Contains("ports[eth9]: there is no device eth9 in the kernel", finding.TextContent, StringComparison.Ordinal);
        Assert.Equal("correct horse battery", sentPassphrase);
        Assert.Equal("""{"format":"routeros-backup"}""", Assert.Single(context.Router.Writes).Body);
        Assert.Empty(page.FindAll("[data-testid=restored]"));
    }

    [Fact]
    public async Task A_factory_reset_says_what_is_lost_and_happens_only_once_the_word_is_typed()
    {
        await using var context = Context(DeviceImage);
        context.Router.Answers["/api/v1/system/factory-reset"] = _ => Json(HttpStatusCode.Accepted, """{"message":"the data partition is erased at the next boot"}""");
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<SystemPage>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=slot-A]")));

        page.Find("[data-testid=factory-reset]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=factory-reset-confirm]")));
        var losses = dialogs.Find("[data-testid=factory-reset-losses]").TextContent;
        Assert.Contains("the configuration and every revision", losses, StringComparison.Ordinal);
        Assert.Contains("API token", losses, StringComparison.Ordinal);
        Assert.True(dialogs.Find("[data-testid=factory-reset-confirm]").HasAttribute("disabled"));

        Fields.Type(dialogs, "factory-reset-word", "factory reset");
        Assert.True(dialogs.Find("[data-testid=factory-reset-confirm]").HasAttribute("disabled"));
        Assert.Empty(context.Router.Writes);

        Fields.Type(dialogs, "factory-reset-word", "factory-reset");
        Assert.False(dialogs.Find("[data-testid=factory-reset-confirm]").HasAttribute("disabled"));
        await dialogs.Find("[data-testid=factory-reset-confirm]").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Contains("erased at the next boot", page.Find("[data-testid=restarting]").TextContent, StringComparison.Ordinal));
        var reset = Assert.Single(context.Router.Writes);
        Assert.Equal(("/api/v1/system/factory-reset", """{"confirm":"factory-reset"}"""), (reset.Path, reset.Body));
    }

    private static DashboardContext Context(string firmware)
    {
        var context = new DashboardContext(RouterConfig.Empty);
        context.Router.Answers["/api/v1/system/firmware"] = _ => Json(HttpStatusCode.OK, firmware);
        return context;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, status.Equals(HttpStatusCode.UnprocessableEntity) ? "application/problem+json" : "application/json") };

    /// <summary>Picks a file in the upload that takes <paramref name="accept"/> (the bundle's or the backup's).</summary>
    private static void ChooseFile(IRenderedComponent<SystemPage> page, string accept, string name, string content)
    {
        var upload = page.FindComponents<MudFileUpload<IBrowserFile>>().Single(u => u.Instance.Accept?.StartsWith(accept, StringComparison.Ordinal) == true);
        upload.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(content, name));
    }

    private static async Task WriteAsync(Pipe pipe, string line)
    {
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await pipe.Writer.FlushAsync();
    }

    private static string Text(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
