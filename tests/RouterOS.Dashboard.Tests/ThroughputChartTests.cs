using Bunit;
using RouterOS.Api.Contracts;
using RouterOS.Dashboard.Pages;
using RouterOS.Dashboard.Services;
using RouterOS.Dashboard.Tests.Support;
using RouterOS.Domain.Model;
using RouterOS.Domain.Values;
using static RouterOS.Dashboard.Tests.Support.Configs;

namespace RouterOS.Dashboard.Tests;

/// <summary>Throughput per interface (Interfaces page) and per uplink (Overview), in bit/s over the last readings.</summary>
public sealed class ThroughputChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_link_history_keeps_the_last_two_minutes_of_readings()
    {
        var rates = new LinkRates();
        for (var second = 0; second < 150; second++)
            rates.Record(Reading(second, Link("wan0", rx: second, tx: 2 * second)));

        var wan = rates.For("wan0");
        Assert.Equal(LinkRates.DefaultCapacity, wan.Count);
        Assert.Equal(30, wan.Bits(0)[0]);
        Assert.Equal(149, wan.Bits(0)[^1]);
        Assert.Equal(298, wan.Bits(1)[^1]);
    }

    [Fact]
    public void A_reading_seen_again_adds_no_point()
    {
        var rates = new LinkRates();
        var reading = Reading(0, Link("wan0", rx: 1000, tx: 1000));

        rates.Record(reading);
        rates.Record(reading);
        rates.Record(reading with { At = null });

        Assert.Equal(1, rates.For("wan0").Count);
    }

    [Fact]
    public async Task The_chart_names_its_series_in_words_and_reads_in_bits_per_second()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var rates = new LinkRates();
        for (var second = 0; second < 10; second++)
            rates.Record(Reading(second, Link("wan0", rx: 940_000_000, tx: 12_000_000)));

        var chart = context.Render<ThroughputChart>(p => p.Add(c => c.History, rates.For("wan0")));

        Assert.Equal(["wan0 receive", "wan0 send"], Legend(chart.Find("[data-testid=throughput-chart]")));
        var axis = chart.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => t.EndsWith("bit/s", StringComparison.Ordinal)).ToList();
        Assert.InRange(axis.Count, 4, 6);
        Assert.Contains("1 Gbit/s", axis);
        Assert.Contains("now", chart.FindAll("svg text").Select(t => t.TextContent.Trim()));
        Assert.Contains("wan0 receive 940 Mbit/s, wan0 send 12 Mbit/s", chart.Find("[data-testid=throughput-now]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_link_still_gets_a_few_grid_lines()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var rates = new LinkRates();
        for (var second = 0; second < 3; second++)
            rates.Record(Reading(second, Link("wan0")));

        var chart = context.Render<ThroughputChart>(p => p.Add(c => c.History, rates.For("wan0")));

        var axis = chart.FindAll("svg text").Select(t => t.TextContent.Trim()).Where(t => t.EndsWith("bit/s", StringComparison.Ordinal)).ToList();
        Assert.Equal(["0 bit/s", "1 kbit/s", "2 kbit/s", "3 kbit/s", "4 kbit/s"], axis);
    }

    [Fact]
    public async Task Choosing_another_link_charts_that_links_rates()
    {
        var config = ThreePorts();
        await using var context = new DashboardContext(config);
        var table = context.Render<LiveLinks>(p => p.Add(c => c.Candidate, config).Add(c => c.Running, config).Add(c => c.Snapshot, null));
        for (var second = 0; second < 5; second++)
        {
            var reading = Reading(second, Link("lan1", rx: 1_000_000, tx: 2_000_000), Link("lan2"), Link("wan0", rx: 50_000_000, tx: 5_000_000));
            table.Render(p => p.Add(c => c.Snapshot, reading));
        }
        Assert.Empty(table.FindAll("[data-testid=link-throughput]"));

        table.Find("[data-testid=live-chart-wan0]").Click();
        var wan = table.Find("[data-testid=link-chart-wan0]");
        Assert.Equal(["wan0 receive", "wan0 send"], Legend(wan));
        Assert.Contains("wan0 receive 50 Mbit/s, wan0 send 5 Mbit/s", wan.TextContent, StringComparison.Ordinal);

        table.Find("[data-testid=live-chart-lan1]").Click();
        Assert.Empty(table.FindAll("[data-testid=link-chart-wan0]"));
        var lan = table.Find("[data-testid=link-chart-lan1]");
        Assert.Equal(["lan1 receive", "lan1 send"], Legend(lan));
        Assert.Contains("lan1 receive 1 Mbit/s, lan1 send 2 Mbit/s", lan.TextContent, StringComparison.Ordinal);
        // Kept from the readings before it was chosen: five points, the last "now".
        Assert.Equal("now", lan.QuerySelectorAll("svg text").Select(t => t.TextContent.Trim()).Last(t => t.Length > 0 && !t.EndsWith("bit/s", StringComparison.Ordinal)));
        Assert.Equal("true", table.Find("[data-testid=live-chart-lan1]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_uplinks_are_the_ppp_devices_dhcp_clients_and_default_route_devices()
    {
        var running = ThreePorts() with
        {
            Pppoe = [new PppoeUplink(Name("ppp0"), Name("wan0"), PlainText.Parse("u"), Secret.Parse("p"))],
            Dhcp = new DhcpSettings(Clients: [new DhcpClient(Name("lan2"))]),
        };
        UplinkStatusView live = new("ppp0", "pppoe", "up", "198.51.100.2", "198.51.100.1", [], 0, null, []);

        Assert.Equal(["ppp0", "lan2"], UplinkDevices.Of(running, [live]));
        Assert.Equal(["ppp0"], UplinkDevices.Of(null, [live]));
    }

    [Fact]
    public async Task The_overview_charts_one_receive_and_send_pair_per_uplink()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var charts = context.Render<UplinkThroughput>(p => p.Add(c => c.Devices, ["ppp0", "wan1"]).Add(c => c.Snapshot, null));
        for (var second = 0; second < 3; second++)
        {
            var reading = Reading(second, Link("ppp0", rx: 80_000_000, tx: 9_000_000), Link("wan0", rx: 1), Link("wan1", rx: 3_000, tx: 4_000));
            charts.Render(p => p.Add(c => c.Snapshot, reading));
        }

        var ppp = charts.Find("[data-testid=uplink-chart-ppp0]");
        var wan = charts.Find("[data-testid=uplink-chart-wan1]");
        Assert.Equal(2, charts.FindAll("[data-testid^=uplink-chart-]").Count);
        Assert.Equal(["ppp0 receive", "ppp0 send"], Legend(ppp));
        Assert.Equal(["wan1 receive", "wan1 send"], Legend(wan));
        Assert.Contains("ppp0 receive 80 Mbit/s, ppp0 send 9 Mbit/s", ppp.TextContent, StringComparison.Ordinal);
        Assert.Contains("wan1 receive 3 kbit/s, wan1 send 4 kbit/s", wan.TextContent, StringComparison.Ordinal);
        Assert.Empty(charts.FindAll("[data-testid^=uplink-absent-]"));
    }

    [Fact]
    public async Task An_uplink_device_missing_from_the_kernel_is_said_to_be()
    {
        await using var context = new DashboardContext(RouterConfig.Empty);
        var charts = context.Render<UplinkThroughput>(p => p.Add(c => c.Devices, ["ppp0"]).Add(c => c.Snapshot, Reading(0, Link("wan0"))));

        Assert.Contains("ppp0 is not in the kernel now", charts.Find("[data-testid=uplink-absent-ppp0]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for the first reading", charts.Find("[data-testid=uplink-chart-ppp0]").TextContent, StringComparison.Ordinal);
    }

    private static List<string> Legend(AngleSharp.Dom.IElement chart) =>
        [.. chart.QuerySelectorAll(".mud-chart-legend-item").Select(item => item.TextContent.Trim())];

    private static LinkSnapshotView Reading(int second, params LinkStatusView[] links) => new(links, Start.AddSeconds(second), Connected: true);

    private static LinkStatusView Link(string name, double rx = 0, double tx = 0) =>
        new(name, "veth", true, "up", true, 1500, 10_000, null, null, null, 0, 0, 0, 0, rx, tx, []);
}
