using System.Net;
using System.Text;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// The Changes page when the plan warns that the commit may cut this dashboard off: the warnings
/// stand above the commit button, the commit waits for a confirmation, and it keeps its confirm
/// window even when the field says none.
/// </summary>
public sealed class ChangesPageTests
{
    private const string Diff = """
        { "from": "running revision 1", "to": "candidate version 2",
          "changes": [ { "path": "firewall.zones[lan]", "kind": "changed", "fields": [ "input" ] } ] }
        """;

    private const string Warning = """
        { "path": "firewall.zones[lan].input", "message": "You are connected from 192.168.1.50 through br-lan in zone lan, whose input policy will be drop" }
        """;

    [Fact]
    public async Task A_warned_commit_asks_first_and_keeps_its_confirm_window_when_set_to_none()
    {
        await using var context = Context(Warning);
        var dialogs = context.Render<MudDialogProvider>();
        var page = await ReviewedPlanAsync(context);

        var warning = Assert.Single(page.FindAll("[data-testid=management-warning]"));
        Assert.Contains("firewall.zones[lan].input", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("You may lose your connection to this dashboard", page.Find("[data-testid=management-warnings]").TextContent, StringComparison.Ordinal);
        Fields.Input(page, "confirm-within").Change("0");

        page.Find("[data-testid=commit]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Cancel")));
        Assert.Contains($"rolled back automatically in {CommitWindow.DefaultSeconds} s unless confirmed", dialogs.Markup, StringComparison.Ordinal);
        await Button(dialogs, "Cancel").ClickAsync(new());
        Assert.Empty(Commits(context));

        page.Find("[data-testid=commit]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Commit anyway")));
        await Button(dialogs, "Commit anyway").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Single(Commits(context)));
        Assert.Contains($"\"confirmWithinSeconds\":{CommitWindow.DefaultSeconds}", Commits(context)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwarned_commit_goes_at_once_and_may_go_without_a_window()
    {
        await using var context = Context();
        var dialogs = context.Render<MudDialogProvider>();
        var page = await ReviewedPlanAsync(context);

        Assert.Empty(page.FindAll("[data-testid=management-warnings]"));
        Fields.Input(page, "confirm-within").Change("0");
        page.Find("[data-testid=commit]").Click();

        await page.WaitForAssertionAsync(() => Assert.Single(Commits(context)));
        Assert.DoesNotMatch("\"confirmWithinSeconds\":[0-9]", Commits(context)[0]);
        Assert.Empty(dialogs.FindAll("button"));
    }

    [Fact]
    public async Task On_a_fresh_load_the_first_status_reading_is_no_reason_to_read_the_edits_again()
    {
        // Reading them again throws away the plan the administrator may be reading by then (seen in Chromium:
        // the commit field vanished under the test's hands when the first status reading came in late).
        await using var context = Context();
        var diffReads = 0;
        context.Router.Answers["/api/v1/candidate/diff"] = _ => { diffReads++; return Json(Diff); };
        context.Router.StatusJson = """{"engineReachable":true,"runningRevision":4,"candidateVersion":9,"candidateChanges":1}""";
        var page = context.Render<Changes>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=review-plan]")));
        var state = context.Services.GetRequiredService<ChangeState>();

        await state.RefreshAsync();
        await page.InvokeAsync(() => { });
        Assert.Equal(1, diffReads);

        context.Router.StatusJson = """{"engineReachable":true,"runningRevision":4,"candidateVersion":10,"candidateChanges":2}""";
        await state.RefreshAsync();
        await page.WaitForAssertionAsync(() => Assert.Equal(2, diffReads));
    }

    [Theory]
    [InlineData(0, false, null)]
    [InlineData(0, true, CommitWindow.DefaultSeconds)]
    [InlineData(45, true, 45)]
    [InlineData(45, false, 45)]
    public void The_window_is_kept_on_whenever_the_plan_warns(int requested, bool warned, int? sent) =>
        Assert.Equal(sent, CommitWindow.Seconds(requested, warned));

    private static DashboardContext Context(params string[] warnings)
    {
        var context = new DashboardContext(RouterConfig.Empty);
        context.Router.Answers["/api/v1/candidate/diff"] = _ => Json(Diff);
        context.Router.Answers["/api/v1/candidate/plan"] = _ => Json($$"""
            { "valid": true, "findings": [], "changes": [], "engineChanges": [], "nftRuleset": "",
              "managementWarnings": [ {{string.Join(", ", warnings)}} ] }
            """);
        return context;
    }

    private static async Task<IRenderedComponent<Changes>> ReviewedPlanAsync(DashboardContext context)
    {
        var page = context.Render<Changes>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=review-plan]")));
        page.Find("[data-testid=review-plan]").Click();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=commit]")));
        return page;
    }

    private static List<string> Commits(DashboardContext context) =>
        [.. context.Router.Writes.Where(write => write.Path == "/api/v1/commit").Select(write => write.Body ?? "")];

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
