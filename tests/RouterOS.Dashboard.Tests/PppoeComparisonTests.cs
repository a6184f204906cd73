using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Diff;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>The PPPoE page's cards: each uplink as the running revision has it beside its session and its ppp device.</summary>
public sealed class PppoeComparisonTests
{
    private static readonly PppoeUplink Uplink = new(Name("ppp0"), Name("wan0"), PlainText.Parse("user@isp"), Secret.Parse("secret"));

    [Fact]
    public void A_session_that_agrees_with_the_running_revision_has_no_difference()
    {
        var rows = UplinkDifferences.Of(Uplink, Session("up", "wan0"), Links(PppDevice(1492)));

        Assert.All(rows, row => Assert.Null(row.Difference));
        Assert.Equal(["enabled", "wan0", "1492"], rows.Select(row => row.Configured));
        Assert.Equal(["up", "wan0", "1492"], rows.Select(row => row.Kernel));
    }

    [Fact]
    public void A_smaller_mtu_another_parent_and_a_missing_session_are_each_said()
    {
        var rows = UplinkDifferences.Of(Uplink, Session("stopped", "wan1"), Links(PppDevice(1480))).ToDictionary(row => row.Key);

        Assert.Equal("enabled in the running revision, but no session runs", rows["runs"].Difference);
        Assert.Equal("runs over wan1, wan0 in the running revision", rows["over"].Difference);
        Assert.Equal("MTU 1480 in the kernel, 1492 in the running revision: the peer asked for less", rows["mtu"].Difference);
    }

    [Fact]
    public void Before_the_first_reading_of_the_kernel_nothing_is_said_about_the_device()
    {
        var mtu = UplinkDifferences.Of(Uplink, null, null).Single(row => row.Key == "mtu");

        Assert.Equal("—", mtu.Kernel);
        Assert.Null(mtu.Difference);
        Assert.Equal("no ppp device", UplinkDifferences.Of(Uplink, null, Links()).Single(row => row.Key == "mtu").Kernel);
    }

    [Fact]
    public async Task The_card_marks_the_difference_and_what_a_commit_would_change()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var pending = new PendingChange(ChangeKind.Changed, ["MTU: not set running, 1400 in the candidate."]);

        var card = context.Render<PppoeComparison>(p => p.Add(c => c.Running, Uplink).Add(c => c.Session, Session("up", "wan0"))
            .Add(c => c.Links, Links(PppDevice(1480))).Add(c => c.Pending, pending));

        Assert.Equal("Not committed: changed", card.Find("[data-testid=pending-kind]").TextContent.Trim());
        Assert.Contains("the peer asked for less", card.Find("[data-testid=compare-mtu] [data-testid=difference]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=compare-over] [data-testid=difference]"));
    }

    private static UplinkStatusView Session(string state, string parent) =>
        new("ppp0", "pppoe", state, "203.0.113.7/32", "203.0.113.1", [], 0, null, [], Parent: parent);

    private static LinkStatusView PppDevice(int mtu) =>
        new("ppp0", "ppp", true, "unknown", null, mtu, null, null, null, null, 0, 0, 0, 0, 0, 0, []);

    private static LinkSnapshotView Links(params LinkStatusView[] links) => new(links, DateTimeOffset.UnixEpoch, true);
}
