using System.Net;
using System.Text;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Layout;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>
/// What the administrator reads: sentences first and the configuration path behind "details", the
/// audit log in words, times as "3 min ago", a lease time in hours, and an account menu; the Changes
/// page follows the status without a reload and asks before discarding.
/// </summary>
public sealed class WordsTests
{
    private const string Diff = """
        { "from": "running revision 1", "to": "candidate version 2",
          "changes": [ { "path": "dhcp.servers[br-lan]", "kind": "changed", "fields": [ "leaseTimeSeconds" ] } ] }
        """;

    [Theory]
    [InlineData("dhcp.servers[br-lan]", "DHCP server on br-lan")]
    [InlineData("dhcp.servers[br-lan].leaseTimeSeconds", "DHCP server on br-lan, lease time")]
    [InlineData("firewall.portForwards[nas-https].to", "Port forward nas-https, to")]
    [InlineData("ports[eth1].mtu", "Port eth1, MTU")]
    [InlineData("something.unknown", "something.unknown")]
    public void A_configuration_path_reads_as_words(string path, string words) => Assert.Equal(words, ConfigWords.Of(path));

    [Fact]
    public void An_edit_and_an_error_read_as_sentences_with_the_path_kept_apart()
    {
        Assert.Equal("Changed DHCP server on br-lan: lease time", ConfigWords.Of(new ConfigChange("dhcp.servers[br-lan]", ChangeKind.Changed, ["leaseTimeSeconds"])));
        Assert.Equal("Added address 192.168.1.1/24", ConfigWords.Of(new ConfigChange("addresses[192.168.1.1/24]", ChangeKind.Added, [])));
        Assert.Equal("Changed the address of br-lan from 192.168.1.1/24 to 192.168.2.1/24", ConfigWords.Of(new ConfigChange("addresses[192.168.2.1/24]", ChangeKind.Changed, ["address"],
            """{"device":"br-lan","address":"192.168.1.1/24"}""", """{"device":"br-lan","address":"192.168.2.1/24"}""")));
        Assert.Equal(("VLAN lan.10, id: must be 1 to 4094", "vlans[lan.10].id"), ConfigWords.Split("vlans[lan.10].id: must be 1 to 4094"));
        Assert.Equal(("newPassword: too short", null), ConfigWords.Split("newPassword: too short"));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(40, "40 s ago")]
    [InlineData(180, "3 min ago")]
    [InlineData(5 * 3600 + 59, "5 h ago")]
    [InlineData(86400 * 2, "2 days ago")]
    [InlineData(-120, "in 2 min")]
    public void A_time_reads_as_how_long_ago(int secondsAgo, string words)
    {
        var now = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(words, RelativeTime.Ago(now.AddSeconds(-secondsAgo), now));
    }

    [Theory]
    [InlineData(43200, "12 h")]
    [InlineData(1800, "30 min")]
    [InlineData(86400, "1 d")]
    [InlineData(90, "90 s")]
    public void A_lease_time_reads_and_parses_in_its_largest_unit(int seconds, string text)
    {
        Assert.Equal(text, Durations.Text(seconds));
        Assert.True(Durations.TryParse(text, out var back));
        Assert.Equal(seconds, back);
    }

    [Theory]
    [InlineData("12h", 43200)]
    [InlineData("43200", 43200)]
    [InlineData(" 2 hours ", 7200)]
    public void A_lease_time_is_typed_in_any_unit(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("12 weeks")]
    [InlineData("h")]
    [InlineData("99999999999 d")]
    public void A_lease_time_that_is_no_duration_is_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public async Task The_edits_read_as_sentences_and_the_path_shows_only_behind_details()
    {
        await using var context = ChangesContext();
        var page = context.Render<Changes>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=edit]")));

        Assert.Equal("Changed DHCP server on br-lan: lease time", page.Find("[data-testid=edit]").TextContent.Trim());
        var details = page.Find("[data-testid=details]");
        Assert.True(details.HasAttribute("hidden"));
        Assert.Contains("dhcp.servers[br-lan]", details.TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=details-toggle]").Click();
        Assert.False(page.Find("[data-testid=details]").HasAttribute("hidden"));
    }

    [Fact]
    public async Task Discard_asks_first_and_cancel_keeps_the_edits()
    {
        await using var context = ChangesContext();
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<Changes>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=discard]")));

        page.Find("[data-testid=discard]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Keep them")));
        Assert.Contains("Discard 1 edit?", dialogs.Markup, StringComparison.Ordinal);
        await Button(dialogs, "Keep them").ClickAsync(new());
        Assert.DoesNotContain(context.Router.Writes, write => write.Method == HttpMethod.Delete);

        page.Find("[data-testid=discard]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotNull(Button(dialogs, "Discard")));
        await Button(dialogs, "Discard").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains(context.Router.Writes, write => write.Method == HttpMethod.Delete && write.Path == "/api/v1/candidate"));
    }

    [Fact]
    public async Task The_changes_page_reads_the_edits_again_when_the_status_says_the_candidate_moved()
    {
        await using var context = ChangesContext();
        var page = context.Render<Changes>();
        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=edit]")));

        // Another window committed the edits: the status moves on, and the page follows without a reload.
        context.Router.Answers["/api/v1/candidate/diff"] = _ => Json("""{ "from": "running revision 2", "to": "candidate version 3", "changes": [] }""");
        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":2,"candidateVersion":3,"candidateChanges":0}""";
        await context.Services.GetRequiredService<ChangeState>().RefreshAsync();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=no-edits]")));
    }

    [Fact]
    public async Task A_pending_revision_that_vanishes_unconfirmed_is_told_as_an_automatic_rollback()
    {
        await using var context = ChangesContext();
        var state = context.Services.GetRequiredService<ChangeState>();
        var told = new List<(string Text, bool Bad)>();
        state.Noticed += (text, bad) => told.Add((text, bad));
        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":7,"pendingRevision":7,"candidateVersion":3,"candidateChanges":0}""";
        await state.RefreshAsync();
        Assert.Empty(told);

        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":6,"candidateVersion":3,"candidateChanges":0}""";
        await state.RefreshAsync();

        Assert.Equal(("Rolled back automatically: revision 7 was not confirmed in time.", true), Assert.Single(told));
        Assert.Equal(7, state.RolledBackRevision);
    }

    [Fact]
    public async Task Confirming_from_the_dashboard_says_so_and_is_no_rollback()
    {
        await using var context = ChangesContext();
        var state = context.Services.GetRequiredService<ChangeState>();
        var told = new List<(string Text, bool Bad)>();
        state.Noticed += (text, bad) => told.Add((text, bad));
        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":7,"pendingRevision":7,"candidateVersion":3,"candidateChanges":0}""";
        await state.RefreshAsync();
        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":7,"candidateVersion":3,"candidateChanges":0}""";

        Assert.Null(await state.ConfirmAsync());

        Assert.Equal(("Confirmed: revision 7 stays.", false), Assert.Single(told));
        Assert.Null(state.RolledBackRevision);
        Assert.Contains(context.Router.Writes, write => write.Path == "/api/v1/commit/confirm");
    }

    [Fact]
    public async Task The_audit_log_says_who_did_what_in_words()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var at = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O");
        context.Router.Answers["/api/v1/audit"] = _ => Json($$"""
            [ { "at": "{{at}}", "actor": "admin", "source": "ui", "method": "POST", "path": "/api/v1/auth/login", "status": 204, "remoteAddress": "192.168.1.50", "what": "signed in", "result": "done" },
              { "at": "{{at}}", "actor": "backup", "source": "token:backup", "method": "POST", "path": "/api/v1/commit", "status": 409, "what": "committed the candidate", "result": "refused: conflicts with the router's state" },
              { "at": "{{at}}", "actor": "router", "source": "router", "method": "EVENT", "path": "rolled back revision 7 automatically", "status": 200, "what": "rolled back revision 7 automatically", "result": "done" } ]
            """);
        var page = context.Render<Audit>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=audit-entry]").Count));

        Assert.Equal(["admin", "token backup", "the router"], Texts(page, "audit-who"));
        Assert.Equal(["signed in", "committed the candidate", "rolled back revision 7 automatically"], Texts(page, "audit-what"));
        Assert.Equal("3 min ago", Texts(page, "audit-when")[0]);
        var table = page.Find("[data-testid=audit]").TextContent;
        Assert.DoesNotContain("POST", table, StringComparison.Ordinal);
        Assert.DoesNotContain("409", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_menu_names_the_user_and_offers_password_sessions_and_signing_out()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var signedOutEverywhere = false;
        var popovers = context.Render<MudPopoverProvider>();
        var menu = context.Render<AccountMenu>(parameters => parameters
            .Add(m => m.User, new WhoAmI("alice", "ui", true))
            .Add(m => m.OnSignOutEverywhere, EventCallback.Factory.Create(this, () => signedOutEverywhere = true)));

        Assert.Contains("alice", menu.Find("[data-testid=signed-in-as]").TextContent, StringComparison.Ordinal);
        await menu.InvokeAsync(() => menu.Find("[data-testid=signed-in-as] button").Click());
        await popovers.WaitForAssertionAsync(() => Assert.NotEmpty(popovers.FindAll("[data-testid=sign-out-everywhere]")));
        Assert.NotEmpty(popovers.FindAll("[data-testid=menu-password]"));
        Assert.NotEmpty(popovers.FindAll("[data-testid=menu-sessions]"));
        Assert.NotEmpty(popovers.FindAll("[data-testid=sign-out]"));
        // The item runs its callback after the menu closes, asynchronously.
        await popovers.InvokeAsync(() => popovers.Find("[data-testid=sign-out-everywhere]").Click());
        await popovers.WaitForAssertionAsync(() => Assert.True(signedOutEverywhere));
    }

    private static DashboardContext ChangesContext()
    {
        var context = new DashboardContext(RouterConfig.Empty);
        context.Router.Answers["/api/v1/candidate/diff"] = _ => Json(Diff);
        context.Router.StatusJson = """{"engineReachable":false,"runningRevision":1,"candidateVersion":2,"candidateChanges":1}""";
        return context;
    }

    private static List<string> Texts(IRenderedComponent<Audit> page, string id) => [.. page.FindAll($"[data-testid={id}]").Select(cell => cell.TextContent.Trim())];

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
