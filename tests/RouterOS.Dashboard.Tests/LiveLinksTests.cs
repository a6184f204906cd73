using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;

namespace RouterOS.Dashboard.Tests;

/// <summary>The Interfaces page's live table: the kernel's links and the marks where candidate, running revision and kernel differ.</summary>
public sealed class LiveLinksTests
{
    [Fact]
    public async Task An_mtu_the_kernel_does_not_have_is_marked()
    {
        // MTU 1500 in the candidate and in the running revision, 1400 in the kernel.
        var config = Configs.ThreePorts(lan2Mtu: 1500);
        await using var context = new DashboardContext(config);
        var table = Render(context, config, config, Link("lan1"), Link("lan2", mtu: 1400), Link("wan0"));

        var marks = table.Find("[data-testid=live-diff-lan2]").TextContent;
        Assert.Contains("MTU 1400 in the kernel, 1500 in the running revision", marks, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=live-diff-lan1] [data-testid=difference]"));
        Assert.Equal("1400", table.Find("[data-testid=live-mtu-lan2]").TextContent.Trim());
    }

    [Fact]
    public async Task A_configured_link_the_kernel_lacks_is_marked_missing()
    {
        var config = Configs.ThreePorts();
        await using var context = new DashboardContext(config);
        var table = Render(context, config, config, Link("lan1"), Link("lan2"));

        Assert.Contains("missing in the kernel", table.Find("[data-testid=live-diff-wan0]").TextContent, StringComparison.Ordinal);
        Assert.Contains("absent", table.Find("[data-testid=live-state-wan0]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_mtu_not_yet_committed_is_marked_and_a_down_link_says_so()
    {
        var running = Configs.ThreePorts();
        var candidate = Configs.ThreePorts(lan2Mtu: 9000);
        await using var context = new DashboardContext(candidate);
        var table = Render(context, candidate, running, Link("lan1", operState: "lowerlayerdown", carrier: false), Link("lan2"), Link("wan0"));

        Assert.Contains("MTU 9000 in the candidate, default in the running revision", table.Find("[data-testid=live-diff-lan2]").TextContent, StringComparison.Ordinal);
        var state = table.Find("[data-testid=live-state-lan1]").TextContent;
        Assert.Contains("lower layer down", state, StringComparison.Ordinal);
        Assert.Contains("no carrier", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dynamic_addresses_are_marked_with_who_gave_them()
    {
        var config = Configs.ThreePorts();
        await using var context = new DashboardContext(config);
        var wan = Link("wan0") with { Addresses = [new LinkAddressView("203.0.113.9/24", "dhcp", true), new LinkAddressView("fe80::1/64", "link-local", false)] };
        var table = Render(context, config, config, Link("lan1"), Link("lan2"), wan);

        Assert.Equal("DHCP", Assert.Single(table.FindAll("[data-testid=live-link-wan0] [data-testid=dynamic-address]")).TextContent.Trim());
    }

    [Fact]
    public async Task Before_the_first_reading_nothing_is_said_about_the_kernel()
    {
        var config = Configs.ThreePorts();
        await using var context = new DashboardContext(config);
        var table = context.Render<LiveLinks>(p => p.Add(c => c.Candidate, config).Add(c => c.Running, config).Add(c => c.Snapshot, null));
        Assert.NotNull(table.Find("[data-testid=live-waiting]"));
        Assert.Empty(table.FindAll("[data-testid=difference]"));
    }

    [Theory]
    [InlineData(0, "0 bit/s")]
    [InlineData(999, "999 bit/s")]
    [InlineData(1_500, "1.5 kbit/s")]
    [InlineData(12_340_000, "12.3 Mbit/s")]
    [InlineData(940_000_000, "940 Mbit/s")]
    [InlineData(2_500_000_000, "2.5 Gbit/s")]
    public void Rates_are_in_bits_per_second_with_a_prefix(double rate, string text) => Assert.Equal(text, LinkFormat.Rate(rate));

    [Theory]
    [InlineData(512UL, "512 B")]
    [InlineData(1_536UL, "1.54 kB")]
    [InlineData(11_141_120UL, "11.1 MB")]
    [InlineData(3_000_000_000UL, "3 GB")]
    public void Sizes_are_humanised(ulong bytes, string text) => Assert.Equal(text, LinkFormat.Size(bytes));

    private static IRenderedComponent<LiveLinks> Render(DashboardContext context, RouterConfig candidate, RouterConfig? running, params LinkStatusView[] links) =>
        context.Render<LiveLinks>(p => p
            .Add(c => c.Candidate, candidate)
            .Add(c => c.Running, running)
            .Add(c => c.Snapshot, new LinkSnapshotView(links, DateTimeOffset.UnixEpoch, Connected: true)));

    private static LinkStatusView Link(string name, int mtu = 1500, string operState = "up", bool carrier = true) =>
        new(name, "veth", true, operState, carrier, mtu, 10_000, null, null, null, 0, 0, 0, 0, 0, 0, []);
}
